using Bhrpc.Extensions;
using Bhrpc.Injection;

namespace Bhrpc.Attributes;

/// <content>Turning the attribute into Core <see cref="ReferenceOptions"/>.</content>
public sealed partial class RpcReferenceAttribute
{
    /// <summary>
    /// The validated Core options for a reference to <paramref name="interfaceType"/>: this attribute's set values,
    /// else <paramref name="defaults"/>' set values, else the built-in defaults; extension names are checked against
    /// <see cref="ExtensionLoader.Shared"/>.
    /// </summary>
    /// <param name="interfaceType">The member's type.</param>
    /// <param name="defaults">The front end's consumer defaults, or null.</param>
    /// <param name="where">Names the member in error messages, like <c>Shop.Cart._greeter</c>.</param>
    /// <exception cref="RpcException">A setting is invalid; the message names the member and the setting.</exception>
    public ReferenceOptions ToReferenceOptions(Type interfaceType, ConsumerDefaults? defaults, string where)
        => ToReferenceOptions(interfaceType, defaults, where, ExtensionLoader.Shared);

    /// <summary>
    /// The validated Core options for a reference to <paramref name="interfaceType"/>, as
    /// <see cref="CreateReferenceOptions"/> makes them, then checked by <see cref="ReferenceOptions.Validate"/> and
    /// every extension name against <paramref name="extensions"/>, the loader of the client that will make the proxy.
    /// </summary>
    /// <param name="interfaceType">The member's type.</param>
    /// <param name="defaults">The front end's consumer defaults, or null.</param>
    /// <param name="where">Names the member in error messages, like <c>Shop.Cart._greeter</c>.</param>
    /// <param name="extensions">The client's extension loader (<see cref="ClientOptions.Extensions"/>).</param>
    /// <param name="configure">Applied after the attribute's values and before the checks (a front end's extra settings: member attributes, XML children), or null.</param>
    /// <exception cref="RpcException">A setting is invalid; the message names the member and the setting.</exception>
    public ReferenceOptions ToReferenceOptions(Type interfaceType, ConsumerDefaults? defaults, string where, ExtensionLoader extensions, Action<ReferenceOptions>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(extensions);
        var reference = CreateReferenceOptions(interfaceType, defaults, where, configure);
        try
        {
            // Names first: an unknown name is the more useful message.
            ExtensionChecks.CheckReference(reference, extensions);
            reference.Validate();
            return reference;
        }
        catch (RpcException e) when (e.StatusCode == RpcStatusCode.Configuration && !e.Message.StartsWith('['))
        {
            // Core validation errors do not know which member they came from.
            throw Error(where, e.Message);
        }
    }

    /// <summary>
    /// The Core options for a reference to <paramref name="interfaceType"/> before Core's validation: this attribute's
    /// set values, else <paramref name="defaults"/>' set values, else the built-in defaults, then
    /// <paramref name="configure"/>. Only the attribute's own values are checked here (negative numbers, bad
    /// <c>key=value</c> settings, a registry URL).
    /// </summary>
    /// <exception cref="RpcException">A setting of the attribute is invalid; the message names the member and the setting.</exception>
    public ReferenceOptions CreateReferenceOptions(Type interfaceType, ConsumerDefaults? defaults, string where, Action<ReferenceOptions>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(interfaceType);
        Validate(where);
        if (!interfaceType.IsInterface)
        {
            throw Error(where, $"the member's type {interfaceType.FullName} is not an interface; a reference needs a service interface");
        }

        if (Async)
        {
            // Java bhrpc's async flag; in .NET the signature decides, so the flag is checked against it.
            var synchronous = Metadata.ServiceDescriptor.For(interfaceType).ByMethod.Values.Where(m => !m.IsAsync).Select(m => m.Method.Name).Distinct().Order(StringComparer.Ordinal).ToList();
            if (synchronous.Count > 0)
            {
                throw Error(where, $"Async is true, but {string.Join(", ", synchronous)} of {interfaceType.FullName} are synchronous; a .NET call is asynchronous when its method returns Task, Task<T>, ValueTask or ValueTask<T>: make them return one, or leave Async unset");
            }
        }

        try
        {
            var reference = (defaults ?? new ConsumerDefaults()).NewReference(interfaceType);
            reference.ServiceName = ServiceName ?? reference.ServiceName;
            reference.Version = Version ?? reference.Version;
            reference.Group = Group ?? reference.Group;
            reference.DirectAddress = DirectUrl ?? reference.DirectAddress;
            reference.LoadBalancer = LoadBalance ?? reference.LoadBalancer;
            reference.Serializer = Serialization ?? reference.Serializer;
            reference.Proxy = Proxy ?? reference.Proxy;
            if (Registry is not null)
            {
                reference.Registry = RegistryOptions.Parse(Registry);
            }

            if (Timeout > 0)
            {
                reference.Timeout = TimeSpan.FromMilliseconds(Timeout);
            }

            if (OnewaySet)
            {
                reference.Oneway = Oneway;
            }

            if (MethodNamingSet)
            {
                reference.MethodNaming = MethodNaming;
            }

            ApplyPipeline(reference, where);
            configure?.Invoke(reference);
            return reference;
        }
        catch (RpcException e) when (e.StatusCode == RpcStatusCode.Configuration && !e.Message.StartsWith('['))
        {
            // Registry URL errors do not know which member they came from; the attributes' own errors name it already.
            throw Error(where, e.Message);
        }
    }

    /// <summary>The cluster, retries, attempt timeout, lazy, filters and routers, each source naming the member.</summary>
    private void ApplyPipeline(ReferenceOptions reference, string where)
    {
        if (Cluster is not null || ClusterSettings is not null)
        {
            reference.Cluster = SettingPairs.ToSpec(Cluster ?? reference.Cluster.Name, ClusterSettings, $"[RpcReference] on {where}: Cluster");
        }

        if (Retries >= 0)
        {
            reference.Retries = Retries;
        }

        if (AttemptTimeout > 0)
        {
            reference.AttemptTimeout = TimeSpan.FromMilliseconds(AttemptTimeout);
        }

        if (LazySet)
        {
            reference.Lazy = Lazy;
        }

        foreach (var filter in Filters ?? [])
        {
            reference.Filters.Add(new ExtensionSpec(filter, null, $"[RpcReference] on {where}: Filters"));
        }

        foreach (var router in Routers ?? [])
        {
            reference.Routers.Add(new ExtensionSpec(router, null, $"[RpcReference] on {where}: Routers"));
        }
    }

    private void Validate(string where)
    {
        if (Timeout < 0)
        {
            throw Error(where, $"Timeout must be positive milliseconds (0 = not set); got {Timeout}");
        }

        if (AttemptTimeout < 0)
        {
            throw Error(where, $"AttemptTimeout must be positive milliseconds (0 = not set); got {AttemptTimeout}");
        }

        if (Retries < -1)
        {
            throw Error(where, $"Retries must be 0 or more (-1 = not set); got {Retries}");
        }

        if (Cluster is not null && string.IsNullOrWhiteSpace(Cluster))
        {
            throw Error(where, "Cluster is empty; expected a cluster name such as failover or failfast, or leave it unset");
        }
    }

    private static RpcException Error(string where, string message)
        => new(RpcStatusCode.Configuration, $"[RpcReference] on {where}: {message.TrimEnd('.')}.");
}
