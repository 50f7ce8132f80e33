using Microsoft.Extensions.Logging;

namespace Bhrpc.Registry.ZooKeeper.Client;

/// <summary>Where the ensemble is and how the client keeps its session.</summary>
internal sealed class ZooKeeperClientOptions
{
    /// <summary>The servers, tried in order and then round again.</summary>
    public required IReadOnlyList<(string Host, int Port)> Servers { get; init; }

    /// <summary>The connection string as configured, for messages.</summary>
    public required string ConnectString { get; init; }

    /// <summary>The session timeout asked of the server (it may negotiate it into its own bounds). Default 10 s.</summary>
    public TimeSpan SessionTimeout { get; init; } = TimeSpan.FromSeconds(10);

    /// <summary>
    /// How long start-up may take before the client gives up for good, and how long a request waits for
    /// a lost connection to come back before it fails. Default 10 s.
    /// </summary>
    public TimeSpan ConnectTimeout { get; init; } = TimeSpan.FromSeconds(10);

    /// <summary>The first wait before reconnecting; it doubles after each failed attempt up to <see cref="MaxReconnectDelay"/>. Default 100 ms.</summary>
    public TimeSpan MinReconnectDelay { get; init; } = TimeSpan.FromMilliseconds(100);

    /// <summary>The longest wait between reconnect attempts. Default 2 s.</summary>
    public TimeSpan MaxReconnectDelay { get; init; } = TimeSpan.FromSeconds(2);

    /// <summary>A session to resume instead of starting a new one (0: start a new one).</summary>
    public long SessionId { get; init; }

    /// <summary>The password of <see cref="SessionId"/>.</summary>
    public byte[]? SessionPassword { get; init; }

    public TimeProvider TimeProvider { get; init; } = TimeProvider.System;

    public ILoggerFactory? LoggerFactory { get; init; }
}
