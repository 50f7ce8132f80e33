using System.Globalization;

namespace Bhrpc.Internal;

/// <summary>Parses <c>host:port</c> and <c>host:port,host:port</c>.</summary>
internal static class HostPort
{
    public static (string Host, int Port) Parse(string value, string setting)
    {
        var text = value.Trim();
        var colon = text.LastIndexOf(':');
        if (colon <= 0 || colon == text.Length - 1
            || !int.TryParse(text.AsSpan(colon + 1), NumberStyles.None, CultureInfo.InvariantCulture, out var port)
            || port is < 1 or > 65535)
        {
            throw new RpcException(RpcStatusCode.Configuration, $"{setting}: '{value}' is not an address; expected host:port with a port of 1..65535.");
        }

        var host = text[..colon];
        if (host.StartsWith('[') && host.EndsWith(']'))
        {
            host = host[1..^1];
        }

        return (host, port);
    }

    public static IReadOnlyList<(string Host, int Port)> ParseList(string value, string setting)
    {
        var parts = value.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        if (parts.Length == 0)
        {
            throw new RpcException(RpcStatusCode.Configuration, $"{setting} is empty; expected host:port[,host:port].");
        }

        return [.. parts.Select(p => Parse(p, setting))];
    }
}
