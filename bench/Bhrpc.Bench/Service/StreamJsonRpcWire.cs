using MessagePack;
using MessagePack.Resolvers;
using StreamJsonRpc;

namespace Bhrpc.Bench.Service;

/// <summary>
/// How both ends of the StreamJsonRpc peer talk: length-prefixed messages (<see cref="LengthHeaderMessageHandler"/>)
/// encoded by <see cref="MessagePackFormatter"/>, with MessagePack-CSharp's contractless resolver so
/// <see cref="BenchOrder"/> travels as its public properties without attributes (declared types only, never Typeless).
/// </summary>
internal static class StreamJsonRpcWire
{
    private static readonly MessagePackSerializerOptions s_options = MessagePackSerializerOptions.Standard
        .WithResolver(ContractlessStandardResolver.Instance)
        .WithSecurity(MessagePackSecurity.UntrustedData);

    /// <summary>A <see cref="JsonRpc"/> over <paramref name="stream"/>, not yet listening.</summary>
    public static JsonRpc Create(Stream stream)
    {
        var formatter = new MessagePackFormatter();
        formatter.SetMessagePackSerializerOptions(s_options);
        return new JsonRpc(new LengthHeaderMessageHandler(stream, stream, formatter));
    }
}
