using System.Net;
using Microsoft.AspNetCore.Server.Kestrel.Core;

namespace Bhrpc.Bench.Server;

/// <summary>Reads the port Kestrel bound for an endpoint asked for on port 0.</summary>
internal static class BoundPort
{
    /// <summary>Kestrel writes the bound end point back into the endpoint's options once it has bound.</summary>
    public static int Of(ListenOptions? listen)
    {
        var port = (listen?.EndPoint as IPEndPoint)?.Port ?? 0;
        return port > 0
            ? port
            : throw new InvalidOperationException("Kestrel did not report the port it bound; the endpoint was asked for on 127.0.0.1:0.");
    }
}
