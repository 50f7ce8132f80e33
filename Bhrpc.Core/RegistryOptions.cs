using Microsoft.Extensions.Logging;

namespace Bhrpc;

/// <summary>
/// Which registry to use and where it is. Either <see cref="Type"/> + <see cref="Address"/>, or one
/// URL through <see cref="Parse"/>: <c>zookeeper://h1:2181,h2:2181[/root]</c>,
/// <c>etcd://127.0.0.1:2379[,host:port][/root]</c>, <c>local://</c> or <c>local:///folder</c>.
/// </summary>
public sealed class RegistryOptions
{
    /// <summary>The root path Java bhrpc really writes under (with an underscore).</summary>
    public const string DefaultRoot = "/binghe_rpc";

    private static readonly RegistryOptions s_defaults = new();

    /// <summary>The registry extension name: <c>local</c> (default; embedded, no server), <c>zookeeper</c>, <c>etcd</c>.</summary>
    public string Type { get; set; } = "local";

    /// <summary>
    /// The registry address. <c>zookeeper</c>: <c>host:port[,host:port]</c>; <c>etcd</c>:
    /// <c>host:port[,host:port]</c> (HTTP gateway); <c>local</c>: a folder shared by the processes of one
    /// machine, default (null or empty) <c>{temp}/bhrpc-registry</c>.
    /// </summary>
    public string? Address { get; set; }

    /// <summary>The root under which services are registered (ZooKeeper path, etcd key prefix). Default <c>/binghe_rpc</c>.</summary>
    public string Root { get; set; } = DefaultRoot;

    /// <summary>
    /// ZooKeeper: the session timeout asked of the server; etcd: the lease TTL. A provider that dies is
    /// gone from consumers at most this long after. Default 10 s.
    /// </summary>
    public TimeSpan SessionTimeout { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>How long start-up keeps retrying an unreachable registry before it fails with an error naming the address. Default 10 s.</summary>
    public TimeSpan ConnectTimeout { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>
    /// For <c>local</c>: how often a provider refreshes its instance files. Default 2 s. An instance
    /// not refreshed for three intervals is treated as gone (its process died).
    /// </summary>
    public TimeSpan HeartbeatInterval { get; set; } = TimeSpan.FromSeconds(2);

    /// <summary>For <c>local</c>: how long a consumer reuses a discovery result. Default 500 ms.</summary>
    public TimeSpan CacheDuration { get; set; } = TimeSpan.FromMilliseconds(500);

    /// <summary>Logging; the server or client fills it in from its own options when null.</summary>
    public ILoggerFactory? LoggerFactory { get; set; }

    /// <summary>
    /// Reads a registry URL: <c>zookeeper://h1:2181,h2:2181/root</c>, <c>etcd://127.0.0.1:2379</c>,
    /// <c>local://</c>, <c>local:///tmp/folder</c>. The path after the first <c>/</c> following the hosts is
    /// the root (ZooKeeper, etcd) or the folder (local). Query parameters <c>sessionTimeout</c>,
    /// <c>connectTimeout</c> (<c>2s</c>, <c>500ms</c>, or milliseconds) and <c>root</c> set those options.
    /// </summary>
    /// <exception cref="RpcException">The text is not such a URL; the message shows the expected forms.</exception>
    public static RegistryOptions Parse(string url)
    {
        ArgumentNullException.ThrowIfNull(url);
        var text = url.Trim();
        var scheme = text.IndexOf("://", StringComparison.Ordinal);
        if (scheme <= 0)
        {
            throw BadUrl(url);
        }

        var type = text[..scheme].ToLowerInvariant();
        var rest = text[(scheme + 3)..];
        var options = new RegistryOptions { Type = type };
        var query = rest.IndexOf('?');
        if (query >= 0)
        {
            ApplyQuery(options, rest[(query + 1)..], url);
            rest = rest[..query];
        }

        if (type == "local")
        {
            options.Address = rest.Length == 0 ? null : rest;
            return options;
        }

        var slash = rest.IndexOf('/');
        var hosts = slash < 0 ? rest : rest[..slash];
        if (hosts.Length == 0)
        {
            throw BadUrl(url);
        }

        _ = Internal.HostPort.ParseList(hosts, $"registry URL '{url}'");
        options.Address = hosts;
        if (slash >= 0 && slash < rest.Length - 1)
        {
            options.Root = rest[slash..].TrimEnd('/');
        }

        return options;
    }

    /// <summary>The URL form of these options (<see cref="Parse"/> reads it back).</summary>
    public override string ToString()
    {
        if (Type == "local")
        {
            return $"local://{Address}";
        }

        var query = new List<string>(2);
        if (SessionTimeout != s_defaults.SessionTimeout)
        {
            query.Add($"sessionTimeout={SessionTimeout.TotalMilliseconds.ToString(System.Globalization.CultureInfo.InvariantCulture)}ms");
        }

        if (ConnectTimeout != s_defaults.ConnectTimeout)
        {
            query.Add($"connectTimeout={ConnectTimeout.TotalMilliseconds.ToString(System.Globalization.CultureInfo.InvariantCulture)}ms");
        }

        var root = Root == DefaultRoot ? string.Empty : Root;
        return query.Count == 0 ? $"{Type}://{Address}{root}" : $"{Type}://{Address}{root}?{string.Join('&', query)}";
    }

    /// <summary>Throws when a setting is out of range, naming the setting.</summary>
    public void Validate()
    {
        if (string.IsNullOrWhiteSpace(Type))
        {
            throw new RpcException(RpcStatusCode.Configuration, "RegistryOptions.Type is empty; expected a registry name such as 'local', 'zookeeper' or 'etcd'.");
        }

        if (HeartbeatInterval <= TimeSpan.Zero)
        {
            throw new RpcException(RpcStatusCode.Configuration, $"RegistryOptions.HeartbeatInterval must be positive; got {HeartbeatInterval}.");
        }

        if (CacheDuration < TimeSpan.Zero)
        {
            throw new RpcException(RpcStatusCode.Configuration, $"RegistryOptions.CacheDuration must not be negative; got {CacheDuration}.");
        }

        if (SessionTimeout < TimeSpan.FromSeconds(1) || SessionTimeout > TimeSpan.FromMinutes(10))
        {
            throw new RpcException(RpcStatusCode.Configuration, $"RegistryOptions.SessionTimeout must be 1 s..10 min; got {SessionTimeout}.");
        }

        if (ConnectTimeout <= TimeSpan.Zero)
        {
            throw new RpcException(RpcStatusCode.Configuration, $"RegistryOptions.ConnectTimeout must be positive; got {ConnectTimeout}.");
        }

        if (string.IsNullOrEmpty(Root) || Root[0] != '/' || (Root.Length > 1 && Root.EndsWith('/')))
        {
            throw new RpcException(RpcStatusCode.Configuration, $"RegistryOptions.Root must start with '/' and not end with one, like '/binghe_rpc'; got '{Root}'.");
        }

        if (Type is "zookeeper" or "etcd")
        {
            if (string.IsNullOrWhiteSpace(Address))
            {
                throw new RpcException(RpcStatusCode.Configuration, $"RegistryOptions.Address is empty; the {Type} registry needs host:port[,host:port].");
            }

            _ = Internal.HostPort.ParseList(Address, "RegistryOptions.Address");
        }
    }

    /// <summary>A copy, so that a caller's later changes do not reach a running component.</summary>
    public RegistryOptions Clone() => (RegistryOptions)MemberwiseClone();

    private static void ApplyQuery(RegistryOptions options, string query, string url)
    {
        foreach (var pair in query.Split('&', StringSplitOptions.RemoveEmptyEntries))
        {
            var equals = pair.IndexOf('=');
            var name = equals < 0 ? pair : pair[..equals];
            var value = equals < 0 ? string.Empty : Uri.UnescapeDataString(pair[(equals + 1)..]);
            switch (name)
            {
                case "sessionTimeout":
                    options.SessionTimeout = Duration(value, name, url);
                    break;
                case "connectTimeout":
                    options.ConnectTimeout = Duration(value, name, url);
                    break;
                case "root":
                    options.Root = value;
                    break;
                default:
                    throw new RpcException(RpcStatusCode.Configuration, $"registry URL '{url}': unknown parameter '{name}'; known: sessionTimeout, connectTimeout, root.");
            }
        }
    }

    private static TimeSpan Duration(string value, string name, string url)
    {
        var style = System.Globalization.NumberStyles.Float;
        var culture = System.Globalization.CultureInfo.InvariantCulture;
        if (value.EndsWith("ms", StringComparison.Ordinal) && double.TryParse(value[..^2], style, culture, out var ms))
        {
            return TimeSpan.FromMilliseconds(ms);
        }

        if (value.EndsWith('s') && double.TryParse(value[..^1], style, culture, out var seconds))
        {
            return TimeSpan.FromSeconds(seconds);
        }

        if (double.TryParse(value, style, culture, out var plain))
        {
            return TimeSpan.FromMilliseconds(plain);
        }

        throw new RpcException(RpcStatusCode.Configuration, $"registry URL '{url}': {name}='{value}' is not a duration; expected milliseconds or a number with 'ms' or 's', like 2s.");
    }

    private static RpcException BadUrl(string url) => new(
        RpcStatusCode.Configuration,
        $"'{url}' is not a registry URL; expected zookeeper://host:port[,host:port][/root], etcd://host:port[,host:port][/root], local:// or local:///folder.");
}
