using System.IO.Pipelines;
using Bhrpc.Codec;
using Bhrpc.Extensions;
using Bhrpc.Metadata;
using Bhrpc.MicroBench.Services;
using Bhrpc.Protocol;
using Bhrpc.Reflect;
using Bhrpc.Serialization;
using Bhrpc.Server.Internal;
using Microsoft.Extensions.Logging.Abstractions;

namespace Bhrpc.MicroBench.Dispatch;

/// <summary>
/// The provider's side of one connection without a socket: a <see cref="ServerConnection"/> and a
/// <see cref="ServiceDispatcher"/> exporting <see cref="BenchService"/>, fed and drained through
/// two in-memory pipes.
/// </summary>
internal sealed class InMemoryServer : IAsyncDisposable
{
    private const int MaxFrameSize = ServerOptions.DefaultMaxFrameSize;

    private readonly Pipe _requests = new(new PipeOptions(useSynchronizationContext: false));
    private readonly Pipe _responses = new(new PipeOptions(useSynchronizationContext: false));
    private readonly Task _running;

    public InMemoryServer()
    {
        var service = new ServiceOptions { ServiceType = typeof(IBenchService), Implementation = new BenchService() };
        var exported = new ExportedService(service, ServiceDescriptor.For(service.ServiceType));
        var serializers = new SerializerSet(ExtensionLoader.Shared);
        var dispatcher = new ServiceDispatcher(
            [exported],
            ExtensionLoader.Shared.Create<IReflectInvoker>("reflection"),
            serializers,
            serializers.Get("json"),
            MaxFrameSize,
            NullLogger.Instance);
        var connection = new ServerConnection(
            dispatcher, _requests.Reader, _responses.Writer, abortTransport: static () => { }, "in-memory", MaxFrameSize, TimeProvider.System, NullLogger.Instance);
        _running = connection.RunAsync();
    }

    /// <summary>Request frames of <paramref name="count"/> copies of <paramref name="request"/>, written with <paramref name="serializer"/>.</summary>
    public static byte[] BuildRequests(string serializer, RpcRequest request, int count)
    {
        var entry = new SerializerSet(ExtensionLoader.Shared).Get(serializer);
        using var frames = new MemoryStream();
        for (var id = 1; id <= count; id++)
        {
            var builder = FrameBuilder.Rent(MaxFrameSize);
            entry.Serializer.WriteRequest(request, builder);
            var frame = builder.Complete(MessageType.Request, RpcHeader.StatusFailure, id, entry.PaddedName);
            frames.Write(frame.Span);
            frame.Return();
        }

        return frames.ToArray();
    }

    /// <summary>Hands <paramref name="frames"/> to the server as if they had arrived on the socket.</summary>
    public async ValueTask SendAsync(ReadOnlyMemory<byte> frames)
        => await _requests.Writer.WriteAsync(frames).ConfigureAwait(false);

    /// <summary>Reads <paramref name="count"/> response frames; throws if one is not a success.</summary>
    public async ValueTask ReceiveAsync(int count)
    {
        var reader = _responses.Reader;
        while (count > 0)
        {
            var result = await reader.ReadAsync().ConfigureAwait(false);
            var buffer = result.Buffer;
            while (count > 0 && FrameCodec.TryParse(ref buffer, MaxFrameSize, out var header, out _))
            {
                if (header.Type != MessageType.Response || header.Status != RpcHeader.StatusSuccess)
                {
                    throw new InvalidOperationException($"expected a successful response, got {header}.");
                }

                count--;
            }

            reader.AdvanceTo(buffer.Start, buffer.End);
            if (count > 0 && result.IsCompleted)
            {
                throw new InvalidOperationException($"the server closed the connection with {count} responses still to come.");
            }
        }
    }

    public async ValueTask DisposeAsync()
    {
        // End of input closes the connection gracefully: the server writes what it queued and completes its output.
        await _requests.Writer.CompleteAsync().ConfigureAwait(false);
        await _running.ConfigureAwait(false);
        await _responses.Reader.CompleteAsync().ConfigureAwait(false);
    }
}
