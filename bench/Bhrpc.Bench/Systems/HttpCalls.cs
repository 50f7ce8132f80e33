using System.Net.Http.Json;
using System.Text.Json;
using Bhrpc.Bench.Server;
using Bhrpc.Bench.Service;

namespace Bhrpc.Bench.Systems;

/// <summary>The HTTP form of each <see cref="IBenchService"/> call: POST the argument as JSON, read the JSON answer.</summary>
internal sealed class HttpCalls(HttpClient client, Uri baseAddress, int payloadBytes)
{
    private static readonly JsonSerializerOptions s_json = JsonSerializerOptions.Web;

    private readonly Uri _echo = new(baseAddress, HttpEndpoints.Echo);
    private readonly Uri _order = new(baseAddress, HttpEndpoints.Order);
    private readonly Uri _bytes = new(baseAddress, HttpEndpoints.Bytes);
    private readonly byte[] _data = payloadBytes > 0 ? Payloads.Bytes(payloadBytes) : [];

    public async ValueTask<string> EchoAsync()
    {
        using var response = await client.PostAsJsonAsync(_echo, Payloads.Text, s_json).ConfigureAwait(false);
        response.EnsureSuccessStatusCode();
        return await response.Content.ReadFromJsonAsync<string>(s_json).ConfigureAwait(false) ?? string.Empty;
    }

    public async ValueTask<BenchOrder?> EchoOrderAsync()
    {
        using var response = await client.PostAsJsonAsync(_order, Payloads.Order, s_json).ConfigureAwait(false);
        response.EnsureSuccessStatusCode();
        return await response.Content.ReadFromJsonAsync<BenchOrder>(s_json).ConfigureAwait(false);
    }

    public async ValueTask<byte[]> EchoBytesAsync()
    {
        using var response = await client.PostAsJsonAsync(_bytes, _data, s_json).ConfigureAwait(false);
        response.EnsureSuccessStatusCode();
        return await response.Content.ReadFromJsonAsync<byte[]>(s_json).ConfigureAwait(false) ?? [];
    }
}
