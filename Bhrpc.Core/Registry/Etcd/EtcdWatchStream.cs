using System.Buffers;
using System.IO.Pipelines;

namespace Bhrpc.Registry.Etcd;

/// <summary>
/// The open response of a <c>/v3/watch</c> call: the gateway streams one JSON message per line for
/// as long as the watch lives. Disposing closes the connection, which ends the watch on etcd's side.
/// </summary>
internal sealed class EtcdWatchStream : IAsyncDisposable
{
    // One message carries the events of one revision; registry values are a few hundred bytes each.
    private const int MaxMessageLength = 16 * 1024 * 1024;

    private readonly HttpResponseMessage _response;
    private readonly PipeReader _reader;

    public EtcdWatchStream(HttpResponseMessage response, Stream body, string endpoint)
    {
        _response = response;
        _reader = PipeReader.Create(body);
        Endpoint = endpoint;
    }

    /// <summary>The gateway address that serves this watch.</summary>
    public string Endpoint { get; }

    /// <summary>The next message, or null when the gateway ended the stream.</summary>
    /// <exception cref="EtcdException">The gateway sent an error or a message this client cannot read.</exception>
    public async ValueTask<EtcdWatchResponse?> ReadAsync(CancellationToken cancellationToken)
    {
        while (true)
        {
            var result = await _reader.ReadAsync(cancellationToken).ConfigureAwait(false);
            var buffer = result.Buffer;
            if (TryReadLine(ref buffer, out var line))
            {
                try
                {
                    return EtcdResponses.ReadWatch(line);
                }
                finally
                {
                    _reader.AdvanceTo(buffer.Start);
                }
            }

            if (buffer.Length > MaxMessageLength)
            {
                throw new EtcdException(EtcdException.Unknown, $"a watch message of the etcd gateway at {Endpoint} is longer than {MaxMessageLength} bytes.");
            }

            if (result.IsCompleted)
            {
                // A last message without its newline still counts.
                var rest = buffer;
                _reader.AdvanceTo(buffer.End);
                return IsBlank(rest) ? null : EtcdResponses.ReadWatch(rest);
            }

            _reader.AdvanceTo(buffer.Start, buffer.End);
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _reader.CompleteAsync().ConfigureAwait(false);
        _response.Dispose();
    }

    /// <summary>Takes the first non-blank line off <paramref name="buffer"/>.</summary>
    private static bool TryReadLine(ref ReadOnlySequence<byte> buffer, out ReadOnlySequence<byte> line)
    {
        while (true)
        {
            var newline = buffer.PositionOf((byte)'\n');
            if (newline is null)
            {
                line = default;
                return false;
            }

            line = buffer.Slice(0, newline.Value);
            buffer = buffer.Slice(buffer.GetPosition(1, newline.Value));
            if (!IsBlank(line))
            {
                return true;
            }
        }
    }

    private static bool IsBlank(ReadOnlySequence<byte> text)
    {
        foreach (var segment in text)
        {
            foreach (var b in segment.Span)
            {
                if (b is not ((byte)' ' or (byte)'\r' or (byte)'\t' or (byte)'\n'))
                {
                    return false;
                }
            }
        }

        return true;
    }
}
