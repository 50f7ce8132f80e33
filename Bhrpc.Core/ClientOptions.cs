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

        ArgumentNullException.ThrowIfNull(Filters);
        if (Filters.Any(f => f is null || string.IsNullOrWhiteSpace(f.Name) || f.IsRemoval))
        {
            throw new RpcException(RpcStatusCode.Configuration, "ClientOptions.Filters: every entry must name a filter; '-name' removals belong on a reference, not on the client's global list.");
        }

        ArgumentNullException.ThrowIfNull(Registry);
        Registry.Validate();
    }
}
