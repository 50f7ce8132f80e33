using System.Collections.Frozen;
using System.Reflection;
using Bhrpc.Invocation;
using Bhrpc.Invocation.Internal;
using Bhrpc.Metadata;
using Bhrpc.Reflect;

namespace Bhrpc.Server.Internal;

/// <summary>A service a server exports: its options, key and method table.</summary>
internal sealed class ExportedService
{
    public ExportedService(ServiceOptions options, ServiceDescriptor descriptor)
    {
        Options = options;
        Key = options.Key;
        Descriptor = descriptor;
        var naming = options.MethodNaming;
        Methods = descriptor.Methods.Values.ToFrozenDictionary(m => new MethodKey(m.NameFor(naming), m.PortableParameterTypes));

        // Names that match no method exactly are looked up again ignoring case (Java's hello for Hello); a method
        // with an explicit [PortableName] answers only to that name.
        Loose = descriptor.Methods.Values
            .Where(m => !m.HasExplicitName)
            .GroupBy(m => LooseKey(m.NameFor(naming), m.PortableParameterTypes))
            .ToFrozenDictionary(g => g.Key, g => g.OrderBy(m => m.SignatureFor(naming), StringComparer.Ordinal).ToArray());
        MethodList = string.Join(", ", descriptor.Methods.Values.Select(m => m.SignatureFor(naming)).Order(StringComparer.Ordinal));
        Timeouts = ServiceMethodSettings.Resolve(options, descriptor);
    }

    /// <summary>The service-side timeouts of methods that take a <see cref="CancellationToken"/> (<see cref="ServiceOptions.Methods"/>).</summary>
    public FrozenDictionary<MethodInfo, TimeSpan> Timeouts { get; }

    public ServiceOptions Options { get; }

    /// <summary>The provider filter chain in front of the method call; null when no filter applies (the direct path).</summary>
    public RpcInvocationDelegate? Chain { get; private set; }

    /// <summary>Runs the service's methods; set by the dispatcher when the server starts.</summary>
    public IReflectInvoker? Invoker { get; set; }

    /// <summary>Builds <see cref="Chain"/> from the server's and the service's filters (refusing bad ones with <see cref="RpcStatusCode.Configuration"/>).</summary>
    public void BuildChain(ServerOptions server)
    {
        var chain = FilterChain.Build(
            server.Extensions,
            server.Filters,
            Options.Filters,
            RpcSide.Provider,
            $"service {Key}",
            server.TimeProvider,
            server.LoggerFactory,
            InvokeAsync,
            out var count);
        Chain = count == 0 ? null : chain;
    }

    /// <summary>The chain's terminal: calls the method; never throws (a failure is the result).</summary>
    private async ValueTask<RpcResult> InvokeAsync(RpcInvocation invocation)
    {
        try
        {
            var method = invocation.Method;
            var returned = Invoker!.Invoke(Options.Implementation, method.Method, method.ToCallArguments(invocation.Arguments, invocation.CancellationToken));
            return RpcResult.FromValue(await method.AwaitReturnedAsync(returned).ConfigureAwait(false));
        }
        catch (Exception e)
        {
            invocation.ServiceFailure = e;
            return RpcResult.FromException(e);
        }
    }

    /// <summary><c>{serviceName}#{version}#{group}</c>.</summary>
    public string Key { get; }

    public ServiceDescriptor Descriptor { get; }

    /// <summary>Methods by wire name and portable parameter types.</summary>
    public FrozenDictionary<MethodKey, MethodDescriptor> Methods { get; }

    /// <summary>The wire signatures, for messages.</summary>
    public string MethodList { get; }

    /// <summary>Methods without an explicit portable name, by upper-cased wire name and parameter types.</summary>
    private FrozenDictionary<MethodKey, MethodDescriptor[]> Loose { get; }

    /// <summary>
    /// The method a request names: the exact wire name first; else, ignoring case, the one method with the same
    /// parameter types. Null when none matches; <paramref name="ambiguous"/> lists the candidates when several do.
    /// </summary>
    public MethodDescriptor? Resolve(string name, string[] parameterTypes, out IReadOnlyList<string>? ambiguous)
    {
        ambiguous = null;
        if (Methods.TryGetValue(new MethodKey(name, parameterTypes), out var method))
        {
            return method;
        }

        if (!Loose.TryGetValue(LooseKey(name, parameterTypes), out var candidates))
        {
            return null;
        }

        if (candidates.Length == 1)
        {
            return candidates[0];
        }

        ambiguous = [.. candidates.Select(m => m.SignatureFor(Options.MethodNaming))];
        return null;
    }

    private static MethodKey LooseKey(string name, string[] parameterTypes) => new(name.ToUpperInvariant(), parameterTypes);
}
