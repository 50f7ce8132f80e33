using Bhrpc.Bench.Protos;
using Grpc.Core;

namespace Bhrpc.Bench.Server;

/// <summary>The gRPC form of <see cref="Service.BenchService"/>: every call returns its request message.</summary>
internal sealed class BenchGrpcService : BenchGrpc.BenchGrpcBase
{
    public override Task<EchoMessage> Echo(EchoMessage request, ServerCallContext context) => Task.FromResult(request);

    public override Task<OrderMessage> EchoOrder(OrderMessage request, ServerCallContext context) => Task.FromResult(request);

    public override Task<BytesMessage> EchoBytes(BytesMessage request, ServerCallContext context) => Task.FromResult(request);
}
