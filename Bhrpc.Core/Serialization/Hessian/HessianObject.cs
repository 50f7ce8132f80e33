namespace Bhrpc.Serialization.Hessian;

/// <summary>An object instance as read from the wire: its class name (not trusted) and its fields.</summary>
internal sealed class HessianObject(string className, string[] fieldNames)
{
    public string ClassName { get; } = className;

    public string[] FieldNames { get; } = fieldNames;

    public object?[] Values { get; } = new object?[fieldNames.Length];

    /// <summary>The value of the first field named <paramref name="name"/>, or false when there is none.</summary>
    public bool TryGetField(string name, out object? value)
    {
        var i = Array.IndexOf(FieldNames, name);
        value = i >= 0 ? Values[i] : null;
        return i >= 0;
    }
}
