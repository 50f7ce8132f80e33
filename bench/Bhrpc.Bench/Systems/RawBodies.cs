using System.Buffers;
using Bhrpc.Bench.Scenarios;
using Bhrpc.Bench.Service;
using Bhrpc.Metadata;
using Bhrpc.Protocol;
using Bhrpc.Serialization.Json;

namespace Bhrpc.Bench.Systems;

/// <summary>
/// The raw baseline's request bodies: the very bytes bhrpc's json serializer (System.Text.Json)
/// writes for the scenario's call, made once, so raw moves as many realistic bytes as bhrpc-json.
/// </summary>
internal static class RawBodies
{
    public static byte[] For(Scenario scenario)
    {
        var (method, argument) = scenario.Kind switch
        {
            WorkloadKind.Echo => (nameof(IBenchService.EchoAsync), (object)Payloads.Text),
            WorkloadKind.Order => (nameof(IBenchService.EchoOrderAsync), Payloads.Order),
            WorkloadKind.Bytes => (nameof(IBenchService.EchoBytesAsync), Payloads.Bytes(scenario.PayloadBytes)),
            _ => throw new ArgumentOutOfRangeException(nameof(scenario), scenario.Kind, "unknown workload"),
        };

        var descriptor = new MethodDescriptor(typeof(IBenchService).GetMethod(method)!);
        var request = new RpcRequest
        {
            ClassName = typeof(IBenchService).FullName!,
            MethodName = descriptor.Name,
            ParameterTypes = descriptor.PortableParameterTypes,
            Parameters = [argument],
            ParameterClrTypes = descriptor.ParameterTypes,
            Async = true,
        };
        var body = new ArrayBufferWriter<byte>();
        new JsonRpcSerializer().WriteRequest(request, body);
        return body.WrittenSpan.ToArray();
    }
}
