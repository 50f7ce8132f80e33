using System.Buffers;
using System.Globalization;
using System.Text;
using System.Text.Json;

namespace Bhrpc.Registry.Etcd;

/// <summary>
/// Request bodies of etcd's HTTP/JSON gateway (the proto3 JSON mapping of etcd's gRPC messages):
/// bytes are base64 strings, int64 values are decimal strings.
/// </summary>
internal static class EtcdRequests
{
    /// <summary><c>LeaseGrantRequest</c>: a new lease of <paramref name="ttlSeconds"/>, its id chosen by etcd.</summary>
    public static byte[] LeaseGrant(long ttlSeconds) => Write(ttlSeconds, static (w, ttl) => WriteInt64(w, "TTL"u8, ttl));

    /// <summary><c>LeaseKeepAliveRequest</c> and <c>LeaseRevokeRequest</c>: both carry only the lease id.</summary>
    public static byte[] LeaseId(long leaseId) => Write(leaseId, static (w, id) => WriteInt64(w, "ID"u8, id));

    /// <summary><c>PutRequest</c> binding <paramref name="key"/> to <paramref name="leaseId"/>.</summary>
    public static byte[] Put(string key, byte[] value, long leaseId) => Write((key, value, leaseId), static (w, r) =>
    {
        w.WriteBase64String("key"u8, Encoding.UTF8.GetBytes(r.key));
        w.WriteBase64String("value"u8, r.value);
        WriteInt64(w, "lease"u8, r.leaseId);
    });

    /// <summary><c>DeleteRangeRequest</c> for the single key <paramref name="key"/>.</summary>
    public static byte[] Delete(string key) => Write(key, static (w, k) => w.WriteBase64String("key"u8, Encoding.UTF8.GetBytes(k)));

    /// <summary><c>RangeRequest</c> for every key that starts with <paramref name="prefix"/>.</summary>
    public static byte[] RangePrefix(string prefix) => Write(prefix, WritePrefix);

    /// <summary>
    /// <c>WatchRequest</c> with a <c>create_request</c> for every key that starts with <paramref name="prefix"/>,
    /// from <paramref name="startRevision"/> on (0: from now).
    /// </summary>
    public static byte[] WatchPrefix(string prefix, long startRevision) => Write((prefix, startRevision), static (w, r) =>
    {
        w.WriteStartObject("create_request"u8);
        WritePrefix(w, r.prefix);
        if (r.startRevision > 0)
        {
            WriteInt64(w, "start_revision"u8, r.startRevision);
        }

        w.WriteEndObject();
    });

    /// <summary>
    /// The smallest key greater than every key that starts with <paramref name="prefix"/>: the prefix
    /// with its last byte below 0xff incremented and the bytes after it dropped.
    /// </summary>
    public static byte[] PrefixEnd(byte[] prefix)
    {
        for (var i = prefix.Length - 1; i >= 0; i--)
        {
            if (prefix[i] < 0xff)
            {
                var end = prefix.AsSpan(0, i + 1).ToArray();
                end[i]++;
                return end;
            }
        }

        // Only 0xff bytes (or empty): etcd reads range_end "\0" as "to the end of the key space".
        return [0];
    }

    private static void WritePrefix(Utf8JsonWriter writer, string prefix)
    {
        var bytes = Encoding.UTF8.GetBytes(prefix);
        writer.WriteBase64String("key"u8, bytes);
        writer.WriteBase64String("range_end"u8, PrefixEnd(bytes));
    }

    private static void WriteInt64(Utf8JsonWriter writer, ReadOnlySpan<byte> name, long value)
        => writer.WriteString(name, value.ToString(CultureInfo.InvariantCulture));

    private static byte[] Write<T>(T state, Action<Utf8JsonWriter, T> body)
    {
        var buffer = new ArrayBufferWriter<byte>(256);
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartObject();
            body(writer, state);
            writer.WriteEndObject();
        }

        return buffer.WrittenSpan.ToArray();
    }
}
