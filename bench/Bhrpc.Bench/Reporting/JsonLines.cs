using System.Buffers;
using System.Text;
using System.Text.Json;
using Bhrpc.Bench.Measurement;
using Bhrpc.Bench.Scenarios;
using Bhrpc.Bench.Systems;

namespace Bhrpc.Bench.Reporting;

/// <summary>One JSON object per result, each on its own line beginning <c>{"scenario":</c> so it is easy to grep.</summary>
internal static class JsonLines
{
    public static IEnumerable<string> Lines(ResultSet results)
    {
        foreach (var (scenario, result) in results.Rows())
        {
            yield return Line(results, scenario, result);
        }
    }

    private static string Line(ResultSet results, Scenario scenario, BenchResult result)
    {
        var buffer = new ArrayBufferWriter<byte>();
        using (var json = new Utf8JsonWriter(buffer))
        {
            json.WriteStartObject();
            json.WriteString("scenario", scenario.Name);
            json.WriteString("system", result.System);
            Number(json, "callsPerSecond", result.CallsPerSecond);
            Number(json, "p50Us", result.P50Us);
            Number(json, "p99Us", result.P99Us);
            Number(json, "p999Us", result.P999Us);
            Number(json, "clientBytesPerCall", result.ClientBytesPerCall);
            Number(json, "serverBytesPerCall", result.ServerBytesPerCall);
            Number(json, "cpuUsPerCall", result.CpuUsPerCall);
            Number(json, "clientCpuUsPerCall", result.ClientCpuUsPerCall);
            Number(json, "serverCpuUsPerCall", result.ServerCpuUsPerCall);
            Number(json, "ratioVsRaw", results.Ratio(scenario, result, SystemCatalog.Raw));
            Number(json, "ratioVsHttp1", results.Ratio(scenario, result, SystemCatalog.Http1));
            Number(json, "ratioVsHttp2", results.Ratio(scenario, result, SystemCatalog.Http2));
            Number(json, "ratioVsGrpc", results.Ratio(scenario, result, SystemCatalog.Grpc));
            Number(json, "ratioVsStreamJsonRpc", results.Ratio(scenario, result, SystemCatalog.StreamJsonRpc));
            json.WriteString("ratioOf", scenario.LatencyBound ? "p50" : "callsPerSecond");
            Number(json, "clientGcs", result.ClientGcs);
            Number(json, "serverGcs", result.ServerGcs);
            json.WriteNumber("calls", result.Calls);
            Number(json, "seconds", result.Seconds);
            json.WriteNumber("samples", result.Samples);
            json.WriteNumber("runs", result.Runs);
            json.WriteNumber("callers", scenario.Callers);
            json.WriteNumber("connections", scenario.Connections);
            json.WriteString("error", result.Error);
            json.WriteString("note", result.Note);
            json.WriteEndObject();
        }

        return Encoding.UTF8.GetString(buffer.WrittenSpan);
    }

    private static void Number(Utf8JsonWriter json, string name, double? value)
    {
        if (value is { } number && double.IsFinite(number))
        {
            json.WriteNumber(name, Math.Round(number, 3));
        }
        else
        {
            json.WriteNull(name);
        }
    }
}
