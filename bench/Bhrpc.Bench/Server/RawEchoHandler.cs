using System.Buffers;
using System.IO.Pipelines;
using Bhrpc.Codec;
using Bhrpc.Protocol;
using Microsoft.AspNetCore.Connections;

namespace Bhrpc.Bench.Server;

/// <summary>
/// One raw connection: parses bhrpc frames off the input pipe and writes each request back as a
/// response (the same header with type 2 and status 0, the same id, the same body), flushing
/// once per read batch. This is what a transport costs with no RPC layer on top.
/// </summary>
internal static class RawEchoHandler
{
    private const int MaxFrameSize = 8 * 1024 * 1024;

    public static async Task RunAsync(ConnectionContext connection)
    {
        var input = connection.Transport.Input;
        var output = connection.Transport.Output;
        try
        {
            while (true)
            {
                var result = await input.ReadAsync().ConfigureAwait(false);
                var buffer = result.Buffer;
                var echoed = EchoFrames(ref buffer, output);
                input.AdvanceTo(buffer.Start, buffer.End);
                if (echoed && (await output.FlushAsync().ConfigureAwait(false)).IsCompleted)
                {
                    break;
                }

                if (result.IsCompleted || result.IsCanceled)
                {
                    break;
                }
            }
        }
        catch (Exception e) when (e is IOException or ConnectionResetException or ConnectionAbortedException or OperationCanceledException)
        {
            // The client went away: nothing to answer.
        }
        catch (RpcException)
        {
            // Bad framing: drop the connection, as bhrpc does.
        }
        finally
        {
            await input.CompleteAsync().ConfigureAwait(false);
            await output.CompleteAsync().ConfigureAwait(false);
        }
    }

    private static bool EchoFrames(ref ReadOnlySequence<byte> buffer, PipeWriter output)
    {
        var echoed = false;
        while (true)
        {
            var frame = buffer;
            if (!FrameCodec.TryParse(ref buffer, MaxFrameSize, out var header, out var body))
            {
                return echoed;
            }

            if (header.Type != MessageType.Request)
            {
                continue;
            }

            var head = output.GetSpan(RpcHeader.Size);
            frame.Slice(0, RpcHeader.Size).CopyTo(head);
            head[2] = (byte)MessageType.Response;
            head[3] = RpcHeader.StatusSuccess;
            output.Advance(RpcHeader.Size);
            foreach (var segment in body)
            {
                output.Write(segment.Span);
            }

            echoed = true;
        }
    }
}
