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
    /// <exception cref="RpcException">
    /// <see cref="RpcStatusCode.Configuration"/>: the method cannot be called remotely (generic, <c>ref</c>/<c>out</c>
    /// parameters, more than one <see cref="CancellationToken"/> parameter, <see cref="IAsyncEnumerable{T}"/>, a by-ref
    /// result, a bad <see cref="PortableNameAttribute"/>); the message names the interface, the method and the reason.
    /// </exception>
    public MethodDescriptor(MethodInfo method)
    {
        ArgumentNullException.ThrowIfNull(method);
        var where = $"{method.DeclaringType?.FullName}.{method.Name}";
        if (method.IsGenericMethodDefinition)
        {
            throw new RpcException(RpcStatusCode.Configuration, $"{where} is generic; RPC methods must not have type parameters.");
        }

        Method = method;
        var explicitName = ExplicitName(method, where);
        HasExplicitName = explicitName is not null;
        Name = explicitName ?? method.Name;
        CamelCaseName = explicitName ?? MethodNames.CamelCase(method.Name);
        var parameters = method.GetParameters();
        CancellationTokenIndex = -1;
        for (var i = 0; i < parameters.Length; i++)
        {
            var parameter = parameters[i];
            if (parameter.ParameterType.IsByRef || parameter.IsOut)
            {
                throw new RpcException(RpcStatusCode.Configuration, $"{where}: parameter '{parameter.Name}' is ref/out/in; RPC parameters must be passed by value.");
            }

            if (parameter.ParameterType == typeof(CancellationToken?))
            {
                throw new RpcException(RpcStatusCode.Configuration, $"{where}: parameter '{parameter.Name}' is a CancellationToken?; declare it as a plain CancellationToken (it is not sent: it cancels the call).");
            }

            if (parameter.ParameterType == typeof(CancellationToken) && !AcceptsCancellationTokens)
            {
                throw new RpcException(RpcStatusCode.Configuration, $"{where}: parameter 'cancellationToken' is a CancellationToken, which cannot be sent to a provider; support for it comes with the invocation pipeline. Remove the parameter until then.".Replace("'cancellationToken'", $"'{parameter.Name}'", StringComparison.Ordinal));
            }

            if (parameter.ParameterType == typeof(CancellationToken))
            {
                if (CancellationTokenIndex >= 0)
                {
                    throw new RpcException(RpcStatusCode.Configuration, $"{where}: parameter '{parameter.Name}' is a second CancellationToken; a method takes at most one.");
                }

                CancellationTokenIndex = i;
                continue;
            }

            if (IsAsyncEnumerable(parameter.ParameterType))
            {
                throw new RpcException(RpcStatusCode.Configuration, $"{where}: parameter '{parameter.Name}' is an IAsyncEnumerable<T>; streaming is not supported. Pass a list or an array instead.");
            }
        }

        // The token is not on the wire: the consumer's cancels the call, the provider's is made from the deadline.
        ParameterTypes = [.. parameters.Where(p => p.ParameterType != typeof(CancellationToken)).Select(p => p.ParameterType)];
        IsIdempotent = method.GetCustomAttribute<IdempotentAttribute>() is not null;
        PortableParameterTypes = [.. ParameterTypes.Select(PortableTypeNames.Of)];
        Signature = BuildSignature(Name, PortableParameterTypes);
        CamelCaseSignature = HasExplicitName || CamelCaseName == Name ? Signature : BuildSignature(CamelCaseName, PortableParameterTypes);

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
            throw new RpcException(RpcStatusCode.Configuration, $"{where} returns by reference; RPC results must be values.");
        }

        if (ResultType is not null && IsAsyncEnumerable(ResultType))
        {
            throw new RpcException(RpcStatusCode.Configuration, $"{where} returns an IAsyncEnumerable<T>; streaming is not supported. Return a list or an array (or a Task of one) instead.");
        }
    }

    /// <summary>
    /// Whether a <see cref="CancellationToken"/> parameter is accepted. False until the consumer pipeline cancels
    /// calls with it and the provider fills it from the caller's deadline: until then such a method is refused.
    /// </summary>
    internal static bool AcceptsCancellationTokens => true;

    /// <summary>The method.</summary>
    public MethodInfo Method { get; }

    /// <summary>
    /// The method name on the wire under <see cref="MethodNaming.AsDeclared"/>: the <see cref="PortableNameAttribute"/>'s
    /// name when the method has one, else the declared name.
    /// </summary>
    public string Name { get; }

    /// <summary>The method name on the wire under <see cref="MethodNaming.CamelCase"/>: the <see cref="PortableNameAttribute"/>'s name, else the declared name camel-cased.</summary>
    public string CamelCaseName { get; }

    /// <summary>Whether the method's wire name comes from a <see cref="PortableNameAttribute"/> (no naming changes it).</summary>
    public bool HasExplicitName { get; }

    /// <summary>The declared parameter types on the wire: every parameter but a <see cref="CancellationToken"/>.</summary>
    public Type[] ParameterTypes { get; }

    /// <summary>The position of the method's <see cref="CancellationToken"/> parameter among all its parameters; -1 when it has none.</summary>
    public int CancellationTokenIndex { get; }

    /// <summary>Whether the method is marked <see cref="IdempotentAttribute"/>: a timeout or a remote failure may be retried.</summary>
    public bool IsIdempotent { get; }

    /// <summary>The portable names of <see cref="ParameterTypes"/>.</summary>
    public string[] PortableParameterTypes { get; }

    /// <summary><c>Name(portable,portable)</c> with <see cref="Name"/>: how a request names the method under <see cref="MethodNaming.AsDeclared"/>.</summary>
    public string Signature { get; }

    /// <summary><c>name(portable,portable)</c> with <see cref="CamelCaseName"/>.</summary>
    public string CamelCaseSignature { get; }

    /// <summary>How the method returns.</summary>
    public ReturnKind ReturnKind { get; }

    /// <summary>The type of the value on the wire: <c>T</c> of <c>T</c>, <c>Task&lt;T&gt;</c> or <c>ValueTask&lt;T&gt;</c>; null when there is none.</summary>
    public Type? ResultType { get; }

    /// <summary>Whether the method returns a task (the caller does not block).</summary>
    public bool IsAsync => ReturnKind is ReturnKind.Task or ReturnKind.TaskOfT or ReturnKind.ValueTask or ReturnKind.ValueTaskOfT;

    /// <summary>The method name on the wire under <paramref name="naming"/>.</summary>
    public string NameFor(MethodNaming naming) => naming == MethodNaming.CamelCase ? CamelCaseName : Name;

    /// <summary>The signature a request names under <paramref name="naming"/>.</summary>
    public string SignatureFor(MethodNaming naming) => naming == MethodNaming.CamelCase ? CamelCaseSignature : Signature;

    /// <summary>Consumer side: the arguments to send, without the <see cref="CancellationToken"/> (the same array when there is none).</summary>
    public object?[] ToWireArguments(object?[] callArguments)
    {
        ArgumentNullException.ThrowIfNull(callArguments);
        if (CancellationTokenIndex < 0)
        {
            return callArguments;
        }

        var wire = new object?[callArguments.Length - 1];
        Array.Copy(callArguments, 0, wire, 0, CancellationTokenIndex);
        Array.Copy(callArguments, CancellationTokenIndex + 1, wire, CancellationTokenIndex, wire.Length - CancellationTokenIndex);
        return wire;
    }

    /// <summary>Consumer side: the caller's <see cref="CancellationToken"/> argument, or <see cref="CancellationToken.None"/>.</summary>
    public CancellationToken CallerToken(object?[] callArguments)
        => CancellationTokenIndex >= 0 && callArguments[CancellationTokenIndex] is CancellationToken token ? token : CancellationToken.None;

    /// <summary>Provider side: the arguments to call the method with, <paramref name="token"/> put where the method takes its token.</summary>
    public object?[] ToCallArguments(object?[] wireArguments, CancellationToken token)
    {
        ArgumentNullException.ThrowIfNull(wireArguments);
        if (CancellationTokenIndex < 0)
        {
            return wireArguments;
        }

        var call = new object?[wireArguments.Length + 1];
        Array.Copy(wireArguments, 0, call, 0, CancellationTokenIndex);
        call[CancellationTokenIndex] = token;
        Array.Copy(wireArguments, CancellationTokenIndex, call, CancellationTokenIndex + 1, wireArguments.Length - CancellationTokenIndex);
        return call;
    }

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

    private static string? ExplicitName(MethodInfo method, string where)
    {
        if (method.GetCustomAttribute<PortableNameAttribute>() is not { } attribute)
        {
            return null;
        }

        var name = attribute.Name;
        if (string.IsNullOrWhiteSpace(name) || name.Any(c => char.IsWhiteSpace(c) || c is '(' or ')' or ','))
        {
            throw new RpcException(RpcStatusCode.Configuration, $"{where}: [PortableName(\"{name}\")] is not a method name; expected a non-empty name without spaces, parentheses or commas, like \"hello\".");
        }

        return name;
    }

    private static bool IsAsyncEnumerable(Type type)
        => (type.IsGenericType && type.GetGenericTypeDefinition() == typeof(IAsyncEnumerable<>))
            || type.GetInterfaces().Any(i => i.IsGenericType && i.GetGenericTypeDefinition() == typeof(IAsyncEnumerable<>));

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
