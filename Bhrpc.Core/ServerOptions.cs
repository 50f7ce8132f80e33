using Bhrpc.Extensions;
using Microsoft.Extensions.Logging;

namespace Bhrpc;

/// <summary>Provider-side settings. Defaults are documented on each property.</summary>
public sealed class ServerOptions
{
    /// <summary>The default listen port, Java bhrpc's 27110.</summary>
    public const int DefaultPort = 27110;

    /// <summary>The default maximum body size, 8 MiB.</summary>
    public const int DefaultMaxFrameSize = 8 * 1024 * 1024;

    /// <summary>The address to bind. Default <c>127.0.0.1</c>; <c>0.0.0.0</c> binds every interface.</summary>
    public string Host { get; set; } = "127.0.0.1";

    /// <summary>The port to bind; 0 binds an ephemeral port (see <see cref="ServerOptions.Port"/>). Default 27110.</summary>
    public int Port { get; set; } = DefaultPort;

    /// <summary>
    /// The host written to the registry. Default: <see cref="Host"/>, or, when that is a wildcard,
    /// the machine's first non-loopback IPv4 address.
    /// </summary>
    public string? AdvertiseHost { get; set; }

    /// <summary>The registry providers register in. Default: <c>local</c>.</summary>
    public RegistryOptions Registry { get; set; } = new();

    /// <summary>The serializer of frames the server starts itself (pings). Default <c>json</c>. Responses use the request's serializer.</summary>
    public string Serializer { get; set; } = "json";

    /// <summary>The invoker extension (<c>reflect</c> point). Default <c>reflection</c>.</summary>
    public string ReflectInvoker { get; set; } = "reflection";

    /// <summary>The heartbeat interval. Default 30 s; a connection silent for three intervals is closed.</summary>
    public TimeSpan HeartbeatInterval { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>The largest body accepted, in bytes. Default 8 MiB.</summary>
    public int MaxFrameSize { get; set; } = DefaultMaxFrameSize;

    /// <summary>How long stopping waits for in-flight calls. Default 10 s.</summary>
    public TimeSpan ShutdownTimeout { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>
    /// How long stopping keeps serving after it has deregistered and told every connected consumer it is going away
    /// (<see cref="Protocol.MessageType.GoingAway"/>): calls that arrive meanwhile are served; the period ends early
    /// once every consumer connection has closed. Then new calls are refused and the calls in flight drain within
    /// <see cref="ShutdownTimeout"/>. Default 5 s; zero skips it.
    /// </summary>
    public TimeSpan GracePeriod { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>Filters every exported service runs (a service removes one with <c>-name</c>).</summary>
    public IList<ExtensionSpec> Filters { get; set; } = [];

    /// <summary>Where extensions come from. Default <see cref="ExtensionLoader.Shared"/>.</summary>
    public ExtensionLoader Extensions { get; set; } = ExtensionLoader.Shared;

    /// <summary>Logging. Default: no logging.</summary>
    public ILoggerFactory? LoggerFactory { get; set; }

    /// <summary>The clock. Default <see cref="TimeProvider.System"/>.</summary>
    public TimeProvider TimeProvider { get; set; } = TimeProvider.System;

    /// <summary>A copy (the registry options copied too), so that later changes to this object do not reach a running server.</summary>
    public ServerOptions Clone()
    {
        var copy = (ServerOptions)MemberwiseClone();
        copy.Registry = Registry?.Clone()!;
        copy.Filters = [.. Filters];
        return copy;
    }

    /// <summary>Throws when a setting is out of range, naming the setting.</summary>
    public void Validate()
    {
        if (string.IsNullOrWhiteSpace(Host))
        {
            throw new RpcException(RpcStatusCode.Configuration, "ServerOptions.Host is empty; expected an IP address or host name such as 127.0.0.1.");
        }

        if (Port is < 0 or > 65535)
        {
            throw new RpcException(RpcStatusCode.Configuration, $"ServerOptions.Port must be 0..65535 (0 = ephemeral); got {Port}.");
        }

        if (HeartbeatInterval <= TimeSpan.Zero)
        {
            throw new RpcException(RpcStatusCode.Configuration, $"ServerOptions.HeartbeatInterval must be positive; got {HeartbeatInterval}.");
        }

        if (MaxFrameSize < 64)
        {
            throw new RpcException(RpcStatusCode.Configuration, $"ServerOptions.MaxFrameSize must be at least 64 bytes; got {MaxFrameSize}.");
        }

        if (ShutdownTimeout < TimeSpan.Zero)
        {
            throw new RpcException(RpcStatusCode.Configuration, $"ServerOptions.ShutdownTimeout must not be negative; got {ShutdownTimeout}.");
        }

        if (GracePeriod < TimeSpan.Zero)
        {
            throw new RpcException(RpcStatusCode.Configuration, $"ServerOptions.GracePeriod must not be negative (zero skips it); got {GracePeriod}.");
        }

        ArgumentNullException.ThrowIfNull(Filters);
        ArgumentNullException.ThrowIfNull(Registry);
        Registry.Validate();
    }
}
