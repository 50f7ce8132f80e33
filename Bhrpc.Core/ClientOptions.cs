using Bhrpc.Extensions;
using Microsoft.Extensions.Logging;

namespace Bhrpc;

/// <summary>Consumer-side settings shared by every reference of one RpcClient.</summary>
public sealed class ClientOptions
{
    /// <summary>The registry references use unless they name their own. Default: <c>local</c>.</summary>
    public RegistryOptions Registry { get; set; } = new();

    /// <summary>The heartbeat interval. Default 30 s; a connection silent for three intervals is closed.</summary>
    public TimeSpan HeartbeatInterval { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>How long opening a connection may take. Default 3 s.</summary>
    public TimeSpan ConnectTimeout { get; set; } = TimeSpan.FromSeconds(3);

    /// <summary>The largest response body accepted, in bytes. Default 8 MiB.</summary>
    public int MaxFrameSize { get; set; } = ServerOptions.DefaultMaxFrameSize;

    /// <summary>
    /// How long an address is skipped by the load balancers after a connection attempt to it fails (refused or
    /// timed out), or after <see cref="EjectAfterFailures"/> transport failures in a row. Doubled on each ejection in
    /// a row, up to <see cref="MaxEjectionBackoff"/>; a successful call resets it. Eager references retry a failed
    /// connection after it. Default 1 s.
    /// </summary>
    public TimeSpan EjectionBackoff { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>The longest ejection (<see cref="EjectionBackoff"/> doubled); at least <see cref="EjectionBackoff"/>. Default 30 s.</summary>
    public TimeSpan MaxEjectionBackoff { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>Transport failures in a row (timeouts, lost connections) after which an address is ejected; at least 1. Default 3.</summary>
    public int EjectAfterFailures { get; set; } = 3;

    /// <summary>Filters every reference of this client runs, before its own (a reference removes one with <c>-name</c>).</summary>
    public IList<ExtensionSpec> Filters { get; set; } = [];

    /// <summary>Where extensions come from. Default <see cref="ExtensionLoader.Shared"/>.</summary>
    public ExtensionLoader Extensions { get; set; } = ExtensionLoader.Shared;

    /// <summary>Logging. Default: no logging.</summary>
    public ILoggerFactory? LoggerFactory { get; set; }

    /// <summary>The clock. Default <see cref="TimeProvider.System"/>.</summary>
    public TimeProvider TimeProvider { get; set; } = TimeProvider.System;

    /// <summary>Throws when a setting is out of range, naming the setting.</summary>
    public void Validate()
    {
        if (HeartbeatInterval <= TimeSpan.Zero)
        {
            throw new RpcException(RpcStatusCode.Configuration, $"ClientOptions.HeartbeatInterval must be positive; got {HeartbeatInterval}.");
        }

        if (ConnectTimeout <= TimeSpan.Zero)
        {
            throw new RpcException(RpcStatusCode.Configuration, $"ClientOptions.ConnectTimeout must be positive; got {ConnectTimeout}.");
        }

        if (MaxFrameSize < 64)
        {
            throw new RpcException(RpcStatusCode.Configuration, $"ClientOptions.MaxFrameSize must be at least 64 bytes; got {MaxFrameSize}.");
        }

        if (EjectionBackoff <= TimeSpan.Zero)
        {
            throw new RpcException(RpcStatusCode.Configuration, $"ClientOptions.EjectionBackoff must be positive; got {EjectionBackoff}.");
        }

        if (MaxEjectionBackoff < EjectionBackoff)
        {
            throw new RpcException(RpcStatusCode.Configuration, $"ClientOptions.MaxEjectionBackoff must be at least ClientOptions.EjectionBackoff ({EjectionBackoff}); got {MaxEjectionBackoff}.");
        }

        if (EjectAfterFailures < 1)
        {
            throw new RpcException(RpcStatusCode.Configuration, $"ClientOptions.EjectAfterFailures must be at least 1; got {EjectAfterFailures}.");
        }

        ArgumentNullException.ThrowIfNull(Filters);
        if (Filters.Any(f => f is null || string.IsNullOrWhiteSpace(f.Name) || f.IsRemoval))
        {
            throw new RpcException(RpcStatusCode.Configuration, "ClientOptions.Filters: every entry must name a filter; '-name' removals belong on a reference, not on the client's global list.");
        }

        ArgumentNullException.ThrowIfNull(Registry);
        Registry.Validate();
    }
}
