using Bhrpc.Bench.Service;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Routing;

namespace Bhrpc.Bench.Server;

/// <summary>The HTTP form of <see cref="IBenchService"/>: one JSON POST endpoint per method, each echoing its body.</summary>
internal static class HttpEndpoints
{
    public const string Echo = "/echo";
    public const string Order = "/order";
    public const string Bytes = "/bytes";

    public static void Map(IEndpointRouteBuilder app)
    {
        var service = new BenchService();
        app.MapPost(Echo, async ([FromBody] string text) => TypedResults.Ok(await service.EchoAsync(text)));
        app.MapPost(Order, async ([FromBody] BenchOrder order) => TypedResults.Ok(await service.EchoOrderAsync(order)));
        app.MapPost(Bytes, async ([FromBody] byte[] data) => TypedResults.Ok(await service.EchoBytesAsync(data)));
    }
}
