using Bhrpc.Extensions;
using Bhrpc.Metadata;
using Bhrpc.Protocol;

namespace Bhrpc;

/// <summary>One exported service.</summary>
public sealed class ServiceOptions
{
    /// <summary>The interface callers use; its full name is the default service name.</summary>
    public required Type ServiceType { get; set; }

    /// <summary>The object that implements <see cref="ServiceType"/>.</summary>
    public required object Implementation { get; set; }

    /// <summary>The service name; default: the full name of <see cref="ServiceType"/>.</summary>
    public string? ServiceName { get; set; }

    /// <summary>The version. Default <c>1.0.0</c>.</summary>
    public string Version { get; set; } = ServiceKey.DefaultVersion;

    /// <summary>The group. Default empty.</summary>
    public string Group { get; set; } = string.Empty;

    /// <summary>The weight used by weighted load balancers. Default 1; registered clamped to 1..100 (as Java bhrpc does).</summary>
    public int Weight { get; set; } = 1;

    /// <summary>
    /// How the service's methods are named on the wire: <see cref="MethodNaming.AsDeclared"/> (default) answers
    /// <c>Hello</c>, <see cref="MethodNaming.CamelCase"/> answers <c>hello</c>, as Java consumers call. A method's
    /// <see cref="PortableNameAttribute"/> wins over both. Either way a name that matches no method exactly is
    /// resolved ignoring case when exactly one method with the same parameter types matches.
    /// </summary>
    public MethodNaming MethodNaming { get; set; }

    /// <summary>
    /// The tag for tag routing: registered with each instance (the registry payload's <c>tag</c> key, written only when
    /// set; Java bhrpc's reader ignores it), so a consumer whose call carries the <c>tag</c> attachment picks providers
    /// with that tag. Default null: no tag.
    /// </summary>
    public string? Tag { get; set; }

    /// <summary>This service's filters, after the server's global ones; <c>-name</c> removes a global one.</summary>
    public IList<ExtensionSpec> Filters { get; set; } = [];

    /// <summary>
    /// Per-method settings, by declared or wire name (every overload of that name). On a service only
    /// <see cref="MethodOptions.Timeout"/> applies, and only to a method that takes a <see cref="CancellationToken"/>: its
    /// token fires when the timeout has passed since the request arrived (or earlier, at the caller's deadline or when the
    /// connection closes). Consumer settings (retries, oneway, attempt timeout, idempotent) are refused here. Default none.
    /// </summary>
    public IList<MethodOptions> Methods { get; set; } = [];

    /// <summary>The weight written to the registry: <see cref="Weight"/> clamped to 1..100.</summary>
    public int EffectiveWeight => Math.Clamp(Weight, 1, 100);

    /// <summary>The effective service name.</summary>
    public string EffectiveServiceName => string.IsNullOrEmpty(ServiceName) ? ServiceType.FullName! : ServiceName;

    /// <summary>The service key.</summary>
    public string Key => ServiceKey.Build(EffectiveServiceName, Version, Group);

    /// <summary>Throws when a setting is invalid, naming the setting.</summary>
    public void Validate()
    {
        if (ServiceType is null || !ServiceType.IsInterface)
        {
            throw new RpcException(RpcStatusCode.Configuration, $"ServiceOptions.ServiceType must be an interface; got {ServiceType?.FullName ?? "null"}.");
        }

        if (Implementation is null || !ServiceType.IsInstanceOfType(Implementation))
        {
            throw new RpcException(RpcStatusCode.Configuration, $"ServiceOptions.Implementation must implement {ServiceType.FullName}; got {Implementation?.GetType().FullName ?? "null"}.");
        }

        if (string.IsNullOrEmpty(Version) || Version.Contains('#') || (Group ?? string.Empty).Contains('#') || EffectiveServiceName.Contains('#'))
        {
            throw new RpcException(RpcStatusCode.Configuration, $"service name, version and group of {ServiceType.FullName} must not contain '#', and the version must not be empty.");
        }

        if (Tag is not null && (string.IsNullOrWhiteSpace(Tag) || Tag.Trim().Length != Tag.Length))
        {
            throw new RpcException(RpcStatusCode.Configuration, $"ServiceOptions.Tag of {ServiceType.FullName} is '{Tag}'; expected a tag without leading or trailing spaces, such as 'gray', or null for none.");
        }

        // Refuses methods that cannot be called remotely, naming the method and the reason.
        var descriptor = ServiceDescriptor.For(ServiceType);
        descriptor.CheckNaming(MethodNaming, "ServiceOptions.MethodNaming");

        // Refuses entries that name no method, consumer settings, and timeouts no token could apply.
        Server.Internal.ServiceMethodSettings.Resolve(this, descriptor);
    }
}
