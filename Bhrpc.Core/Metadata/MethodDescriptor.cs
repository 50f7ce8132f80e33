using System.Reflection;

namespace Bhrpc.Metadata;

/// <summary>
/// What both sides need to know of one interface method: its name, declared parameter types and
/// their portable names, and how it returns.
/// </summary>
public sealed class MethodDescriptor
{
    private static readonly MethodInfo s_awaitTaskOfT = typeof(MethodDescriptor).GetMethod(nameof(AwaitTaskOfT), BindingFlags.NonPublic | BindingFlags.Static)!;
    private static readonly MethodInfo s_awaitValueTaskOfT = typeof(MethodDescriptor).GetMethod(nameof(AwaitValueTaskOfT), BindingFlags.NonPublic | BindingFlags.Static)!;

    private readonly Func<object, ValueTask<object?>>? _awaitReturned;

    /// <summary>Describes <paramref name="method"/>.</summary>
    public MethodDescriptor(MethodInfo method)
    {
        ArgumentNullException.ThrowIfNull(method);
        if (method.IsGenericMethodDefinition)
        {
            throw new RpcException(RpcStatusCode.Configuration, $"{method.DeclaringType?.FullName}.{method.Name} is generic; RPC methods must not have type parameters.");
        }

        Method = method;
        Name = method.Name;
        var parameters = method.GetParameters();
        foreach (var parameter in parameters)
        {
            if (parameter.ParameterType.IsByRef || parameter.IsOut)
            {
                throw new RpcException(RpcStatusCode.Configuration, $"{method.DeclaringType?.FullName}.{method.Name}: parameter '{parameter.Name}' is ref/out/in; RPC parameters must be passed by value.");
            }
        }

        ParameterTypes = [.. parameters.Select(p => p.ParameterType)];
        PortableParameterTypes = [.. ParameterTypes.Select(PortableTypeNames.Of)];
        Signature = BuildSignature(Name, PortableParameterTypes);

        var returnType = method.ReturnType;
        if (returnType == typeof(void))
        {
            ReturnKind = ReturnKind.Void;
        }
        else if (returnType == typeof(Task))
        {
            ReturnKind = ReturnKind.Task;
        }
        else if (returnType == typeof(ValueTask))
        {
            ReturnKind = ReturnKind.ValueTask;
        }
        else if (returnType.IsGenericType && returnType.GetGenericTypeDefinition() == typeof(Task<>))
        {
            ReturnKind = ReturnKind.TaskOfT;
            ResultType = returnType.GetGenericArguments()[0];
            _awaitReturned = s_awaitTaskOfT.MakeGenericMethod(ResultType).CreateDelegate<Func<object, ValueTask<object?>>>();
        }
        else if (returnType.IsGenericType && returnType.GetGenericTypeDefinition() == typeof(ValueTask<>))
        {
            ReturnKind = ReturnKind.ValueTaskOfT;
            ResultType = returnType.GetGenericArguments()[0];
            _awaitReturned = s_awaitValueTaskOfT.MakeGenericMethod(ResultType).CreateDelegate<Func<object, ValueTask<object?>>>();
        }
        else
        {
            ReturnKind = ReturnKind.Value;
            ResultType = returnType;
        }

        if (ResultType is not null && (ResultType.IsByRef || ResultType.IsPointer))
        {
            throw new RpcException(RpcStatusCode.Configuration, $"{method.DeclaringType?.FullName}.{method.Name} returns by reference; RPC results must be values.");
        }
    }

    /// <summary>The method.</summary>
    public MethodInfo Method { get; }

    /// <summary>The method name.</summary>
    public string Name { get; }

    /// <summary>The declared parameter types.</summary>
    public Type[] ParameterTypes { get; }

    /// <summary>The portable names of <see cref="ParameterTypes"/>.</summary>
    public string[] PortableParameterTypes { get; }

    /// <summary><c>Name(portable,portable)</c>: how a request names the method.</summary>
    public string Signature { get; }

    /// <summary>How the method returns.</summary>
    public ReturnKind ReturnKind { get; }

    /// <summary>The type of the value on the wire: <c>T</c> of <c>T</c>, <c>Task&lt;T&gt;</c> or <c>ValueTask&lt;T&gt;</c>; null when there is none.</summary>
    public Type? ResultType { get; }

    /// <summary>Whether the method returns a task (the caller does not block).</summary>
    public bool IsAsync => ReturnKind is ReturnKind.Task or ReturnKind.TaskOfT or ReturnKind.ValueTask or ReturnKind.ValueTaskOfT;

    /// <summary>Builds the signature a request names: <c>Name(portable,portable)</c>.</summary>
    public static string BuildSignature(string name, IReadOnlyList<string> portableParameterTypes)
        => string.Concat(name, "(", string.Join(",", portableParameterTypes), ")");

    /// <summary>Provider side: turns what the method returned into the value to send, awaiting tasks.</summary>
    internal ValueTask<object?> AwaitReturnedAsync(object? returned)
    {
        switch (ReturnKind)
        {
            case ReturnKind.Void:
                return ValueTask.FromResult<object?>(null);
            case ReturnKind.Value:
                return ValueTask.FromResult(returned);
            case ReturnKind.Task:
                return AwaitTask(Required(returned));
            case ReturnKind.ValueTask:
                return AwaitValueTask((ValueTask)Required(returned));
            default:
                return _awaitReturned!(Required(returned));
        }
    }

    private object Required(object? returned) => returned
        ?? throw new InvalidOperationException($"{Method.DeclaringType?.FullName}.{Signature} returned a null {Method.ReturnType.Name}; a task-returning service method must return a task.");

    private static async ValueTask<object?> AwaitTask(object task)
    {
        await ((Task)task).ConfigureAwait(false);
        return null;
    }

    private static async ValueTask<object?> AwaitValueTask(ValueTask task)
    {
        await task.ConfigureAwait(false);
        return null;
    }

    private static async ValueTask<object?> AwaitTaskOfT<T>(object task) => await ((Task<T>)task).ConfigureAwait(false);

    private static async ValueTask<object?> AwaitValueTaskOfT<T>(object task) => await ((ValueTask<T>)task).ConfigureAwait(false);
}
