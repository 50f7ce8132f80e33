namespace Bhrpc.Serialization.MessagePack;

/// <summary>
/// Which value a message is about (argument <see cref="Index"/> of a method, or the result), made into text
/// only when a message is: a call that succeeds formats nothing.
/// </summary>
internal readonly record struct MessagePackValueName(string? ClassName, string? MethodName, int Index)
{
    /// <summary>The result of a call.</summary>
    public static MessagePackValueName Result => new(null, null, -1);

    /// <summary>Argument <paramref name="index"/> of <paramref name="className"/>.<paramref name="methodName"/>.</summary>
    public static MessagePackValueName Argument(string className, string methodName, int index) => new(className, methodName, index);

    /// <summary>"argument 0 of S.m" or "the result".</summary>
    public override string ToString() => Index < 0 ? "the result" : $"argument {Index} of {ClassName}.{MethodName}";
}
