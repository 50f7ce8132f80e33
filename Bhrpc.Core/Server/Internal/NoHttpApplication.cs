using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Http.Features;

namespace Bhrpc.Server.Internal;

/// <summary>
/// The application Kestrel's start method asks for. bhrpc's endpoint runs a connection handler in
/// place of Kestrel's HTTP middleware, so no request ever reaches it: a call means Kestrel was
/// configured to speak HTTP, which is a bug, and it fails loudly.
/// </summary>
internal sealed class NoHttpApplication : IHttpApplication<object>
{
    public object CreateContext(IFeatureCollection contextFeatures) => throw NotHttp();

    public Task ProcessRequestAsync(object context) => throw NotHttp();

    public void DisposeContext(object context, Exception? exception) => throw NotHttp();

    private static InvalidOperationException NotHttp()
        => new("the bhrpc listener serves no HTTP; a Kestrel endpoint without the bhrpc connection handler was configured.");
}
