using System.Collections.Frozen;
using System.Reflection;
using Bhrpc.Metadata;

namespace Bhrpc.Server.Internal;

/// <summary>
/// Checks a service's <see cref="ServiceOptions.Methods"/> and resolves them to the methods they name. On a service only
/// <see cref="MethodOptions.Timeout"/> applies: it bounds how long the method may run before its
/// <see cref="CancellationToken"/> fires, so it is accepted only for methods that take one.
/// </summary>
internal static class ServiceMethodSettings
{
    /// <summary>The service-side timeout of each method that has one.</summary>
    /// <exception cref="RpcException"><see cref="RpcStatusCode.Configuration"/>: an entry names no method, names one twice, sets a consumer setting, sets nothing, or sets a timeout for a method that takes no token.</exception>
    public static FrozenDictionary<MethodInfo, TimeSpan> Resolve(ServiceOptions service, ServiceDescriptor descriptor)
    {
        ArgumentNullException.ThrowIfNull(service.Methods, "ServiceOptions.Methods");
        var timeouts = new Dictionary<MethodInfo, TimeSpan>();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        var owner = $"ServiceOptions.Methods of {service.Key}";
        foreach (var entry in service.Methods)
        {
            if (entry is null || string.IsNullOrWhiteSpace(entry.Name))
            {
                throw new RpcException(RpcStatusCode.Configuration, $"{owner}: an entry has no Name; expected a method's declared or wire name, one of: {Names(descriptor, service.MethodNaming)}.");
            }

            var where = $"{owner}, method '{entry.Name}'";
            var consumerOnly = ConsumerSettings(entry);
            if (consumerOnly.Count > 0)
            {
                throw new RpcException(
                    RpcStatusCode.Configuration,
                    $"{where}: {string.Join(", ", consumerOnly)} {(consumerOnly.Count == 1 ? "is a consumer setting" : "are consumer settings")}; set {(consumerOnly.Count == 1 ? "it" : "them")} on the reference (ReferenceOptions.Methods). On a service only Timeout applies.");
            }

            if (entry.Timeout is not { } timeout)
            {
                throw new RpcException(RpcStatusCode.Configuration, $"{where} sets nothing; on a service only Timeout applies (the longest the method may run before its CancellationToken fires). Set it or remove the entry.");
            }

            if (timeout <= TimeSpan.Zero)
            {
                throw new RpcException(RpcStatusCode.Configuration, $"{where}: Timeout must be positive; got {timeout}.");
            }

            var methods = Match(descriptor, entry.Name, service.MethodNaming);
            if (methods.Count == 0)
            {
                throw new RpcException(RpcStatusCode.Configuration, $"{where} matches no method of {service.ServiceType.FullName}; expected a declared or wire name, one of: {Names(descriptor, service.MethodNaming)}.");
            }

            if (!seen.Add(methods[0].Method.Name))
            {
                throw new RpcException(RpcStatusCode.Configuration, $"{where}: method {methods[0].Method.Name} has a second entry; give each method one.");
            }

            var tokenless = methods.Where(m => m.CancellationTokenIndex < 0).Select(m => m.Signature).ToList();
            if (tokenless.Count > 0)
            {
                throw new RpcException(
                    RpcStatusCode.Configuration,
                    $"{where}: Timeout stops a method through its CancellationToken, and {string.Join(", ", tokenless)} takes none; add a CancellationToken parameter or remove the entry.");
            }

            foreach (var method in methods)
            {
                timeouts[method.Method] = timeout;
            }
        }

        return timeouts.ToFrozenDictionary();
    }

    private static List<string> ConsumerSettings(MethodOptions entry)
    {
        var names = new List<string>();
        if (entry.AttemptTimeout is not null)
        {
            names.Add(nameof(MethodOptions.AttemptTimeout));
        }

        if (entry.Retries is not null)
        {
            names.Add(nameof(MethodOptions.Retries));
        }

        if (entry.Oneway is not null)
        {
            names.Add(nameof(MethodOptions.Oneway));
        }

        if (entry.Idempotent is not null)
        {
            names.Add(nameof(MethodOptions.Idempotent));
        }

        return names;
    }

    /// <summary>Every overload of the method declared with <paramref name="name"/>, else of the one called so on the wire.</summary>
    private static List<MethodDescriptor> Match(ServiceDescriptor descriptor, string name, MethodNaming naming)
    {
        var declared = descriptor.Methods.Values.Where(m => string.Equals(m.Method.Name, name, StringComparison.Ordinal)).ToList();
        if (declared.Count > 0)
        {
            return declared;
        }

        var wire = descriptor.Methods.Values.Where(m => string.Equals(m.NameFor(naming), name, StringComparison.Ordinal)).ToList();
        var owners = wire.Select(m => m.Method.Name).Distinct(StringComparer.Ordinal).ToList();
        if (owners.Count > 1)
        {
            throw new RpcException(RpcStatusCode.Configuration, $"ServiceOptions.Methods: '{name}' is the wire name of several methods ({string.Join(", ", owners)}); name one by its declared name.");
        }

        return wire;
    }

    private static string Names(ServiceDescriptor descriptor, MethodNaming naming)
        => string.Join(", ", descriptor.Methods.Values
            .SelectMany(m => new[] { m.Method.Name, m.NameFor(naming) })
            .Distinct(StringComparer.Ordinal)
            .Order(StringComparer.Ordinal));
}
