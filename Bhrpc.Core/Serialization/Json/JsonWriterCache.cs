using System.Buffers;
using System.Text.Json;

namespace Bhrpc.Serialization.Json;

/// <summary>
/// One reusable <see cref="Utf8JsonWriter"/> per thread, so writing a body allocates no writer.
/// A rented writer is taken out of the slot until it is returned, so a nested write on the same
/// thread gets a writer of its own.
/// </summary>
internal static class JsonWriterCache
{
    // Parks a returned writer so it does not keep the last output (a pipe, a pooled buffer) alive.
    private static readonly ArrayBufferWriter<byte> s_detached = new(1);

    [ThreadStatic]
    private static Utf8JsonWriter? t_writer;

    public static Utf8JsonWriter Rent(IBufferWriter<byte> output)
    {
        var writer = t_writer;
        if (writer is null)
        {
            return new Utf8JsonWriter(output, JsonSettings.Writer);
        }

        t_writer = null;
        writer.Reset(output);
        return writer;
    }

    public static void Return(Utf8JsonWriter writer)
    {
        // Reset also drops whatever a failed write left unflushed.
        writer.Reset(s_detached);
        t_writer = writer;
    }
}
