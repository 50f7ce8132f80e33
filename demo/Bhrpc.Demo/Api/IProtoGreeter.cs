using Bhrpc.Demo.Api.Proto;

namespace Bhrpc.Demo.Api;

/// <summary>A service whose arguments and results are Google.Protobuf messages (Protos/greeting.proto), for the protobuf serializer.</summary>
public interface IProtoGreeter
{
    Task<GreetingReply> GreetAsync(GreetingRequest request);
}
