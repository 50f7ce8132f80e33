using System.Collections.Concurrent;
using System.Globalization;
using System.Reflection;
using Bhrpc.Attributes;

namespace Bhrpc.Injection;

/// <summary>
/// Sets the <see cref="RpcReferenceAttribute"/> fields and properties of objects to proxies made by one
/// shared <see cref="RpcClient"/>. References with the same settings share one proxy. Used by the Autofac
/// module and the XML context.
/// </summary>
public sealed class ReferenceInjector
{
    private const BindingFlags Declared = BindingFlags.Instance | BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.DeclaredOnly;

    private static readonly ConcurrentDictionary<Type, ReferenceMember[]> s_members = new();

    private readonly RpcClient _client;
    private readonly ConsumerDefaults? _defaults;
    private readonly ConcurrentDictionary<string, object> _proxies = new(StringComparer.Ordinal);

    /// <summary>Makes proxies with <paramref name="client"/>; <paramref name="defaults"/> fill in what an attribute leaves unset.</summary>
    public ReferenceInjector(RpcClient client, ConsumerDefaults? defaults = null)
    {
        ArgumentNullException.ThrowIfNull(client);
        _client = client;
        _defaults = defaults;
    }

    /// <summary>The consumer defaults, or null.</summary>
    public ConsumerDefaults? Defaults => _defaults;

    /// <summary>
    /// The marked members of <paramref name="type"/> and its base types, non-public ones included
    /// (cached per type).
    /// </summary>
    /// <exception cref="RpcException">A marked property has no setter.</exception>
    public static IReadOnlyList<ReferenceMember> MembersOf(Type type)
    {
        ArgumentNullException.ThrowIfNull(type);
        return s_members.GetOrAdd(type, static t => Find(t));
    }

    /// <summary>Whether <paramref name="type"/> has any marked member.</summary>
    public static bool HasReferences(Type type) => MembersOf(type).Count > 0;

    /// <summary>Sets every marked member of <paramref name="target"/>; returns how many were set.</summary>
    /// <exception cref="RpcException">A member's type is not an interface, or a setting is invalid; the message names the member.</exception>
    public int Inject(object target)
    {
        ArgumentNullException.ThrowIfNull(target);
        var members = MembersOf(target.GetType());
        foreach (var member in members)
        {
            var options = member.ToReferenceOptions(_defaults, _client.Options.Extensions);
            member.Set(target, ProxyFor(options));
        }

        return members.Count;
    }

    /// <summary>The proxy for <paramref name="options"/>; one per distinct set of settings.</summary>
    public object ProxyFor(ReferenceOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        return _proxies.GetOrAdd(KeyOf(options), static (_, state) => state.Client.CreateProxy(state.Options), (Client: _client, Options: options));
    }

    /// <summary>Everything that makes two references behave differently (the pipeline's settings included).</summary>
    public static string KeyOf(ReferenceOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        return string.Join(
            '|',
            options.Interface.AssemblyQualifiedName,
            options.Key,
            options.Registry?.ToString(),
            options.DirectAddress,
            options.Serializer,
            options.Timeout.Ticks.ToString(CultureInfo.InvariantCulture),
            options.Oneway ? "oneway" : "twoway",
            options.LoadBalancer,
            options.Proxy,
            options.MethodNaming.ToString(),
            ExtensionChecks.Describe(options.Cluster),
            options.Retries?.ToString(CultureInfo.InvariantCulture) ?? "retries?",
            options.AttemptTimeout?.Ticks.ToString(CultureInfo.InvariantCulture) ?? "attempt?",
            options.Lazy ? "lazy" : "eager",
            "filters[" + string.Join(';', options.Filters.Select(ExtensionChecks.Describe)) + "]",
            "routers[" + string.Join(';', options.Routers.Select(ExtensionChecks.Describe)) + "]",
            "methods[" + string.Join(';', options.Methods.Select(Describe)) + "]");
    }

    private static string Describe(MethodOptions method) => string.Join(
        ',',
        method.Name,
        method.Timeout?.Ticks.ToString(CultureInfo.InvariantCulture),
        method.AttemptTimeout?.Ticks.ToString(CultureInfo.InvariantCulture),
        method.Retries?.ToString(CultureInfo.InvariantCulture),
        method.Oneway?.ToString(),
        method.Idempotent?.ToString());

    private static ReferenceMember[] Find(Type type)
    {
        var found = new List<ReferenceMember>();
        for (var current = type; current is not null && current != typeof(object); current = current.BaseType)
        {
            foreach (var field in current.GetFields(Declared))
            {
                if (ReferenceMember.For(field) is { } member)
                {
                    found.Add(member);
                }
            }

            foreach (var property in current.GetProperties(Declared))
            {
                if (ReferenceMember.For(property) is { } member)
                {
                    found.Add(member);
                }
            }
        }

        return [.. found];
    }
}
