using System.Buffers;
using System.Globalization;
using System.Net;
using System.Text;
using System.Text.Json;

namespace Bhrpc.Registry.Etcd;

/// <summary>
/// Reads the gateway's answers. int64 values come as decimal strings (numbers are accepted too),
/// bytes as base64, zero values are left out, and unknown keys are skipped. Streaming endpoints
/// (keep-alive, watch) wrap each message as <c>{"result":{…}}</c> or <c>{"error":{…}}</c>.
/// </summary>
internal static class EtcdResponses
{
    /// <summary>A <c>LeaseGrantResponse</c>: the new lease id and the TTL etcd granted.</summary>
    public static (long Id, long Ttl) ReadLeaseGrant(ReadOnlySpan<byte> json) => Guard(json, static json =>
    {
        var reader = Start(json);
        long id = 0, ttl = 0;
        string? error = null;
        while (NextProperty(ref reader))
        {
            if (reader.ValueTextEquals("ID"u8))
            {
                id = ReadInt64(ref reader);
            }
            else if (reader.ValueTextEquals("TTL"u8))
            {
                ttl = ReadInt64(ref reader);
            }
            else if (reader.ValueTextEquals("error"u8))
            {
                error = ReadString(ref reader);
            }
            else
            {
                reader.Skip();
            }
        }

        return !string.IsNullOrEmpty(error) || id == 0
            ? throw new EtcdException(EtcdException.Unknown, $"etcd granted no lease: {(string.IsNullOrEmpty(error) ? "the answer has no lease id" : error)}.")
            : (id, ttl);
    });

    /// <summary>The TTL left on a kept-alive lease; 0 when etcd no longer knows the lease (it answers without TTL).</summary>
    public static long ReadKeepAliveTtl(ReadOnlySpan<byte> json) => Guard(json, static json =>
    {
        var reader = Start(json);
        long ttl = 0;
        while (NextProperty(ref reader))
        {
            if (reader.ValueTextEquals("result"u8))
            {
                reader.Read();
                while (NextProperty(ref reader))
                {
                    if (reader.ValueTextEquals("TTL"u8))
                    {
                        ttl = ReadInt64(ref reader);
                    }
                    else
                    {
                        reader.Skip();
                    }
                }
            }
            else if (reader.ValueTextEquals("error"u8))
            {
                throw ReadStreamError(ref reader);
            }
            else
            {
                reader.Skip();
            }
        }

        return ttl;
    });

    /// <summary>A <c>RangeResponse</c>: the header's revision and the keys found.</summary>
    public static EtcdRange ReadRange(ReadOnlySpan<byte> json) => Guard(json, static json =>
    {
        var reader = Start(json);
        long revision = 0;
        var keyValues = new List<EtcdKeyValue>();
        while (NextProperty(ref reader))
        {
            if (reader.ValueTextEquals("header"u8))
            {
                revision = ReadHeaderRevision(ref reader);
            }
            else if (reader.ValueTextEquals("kvs"u8))
            {
                reader.Read();
                while (reader.Read() && reader.TokenType == JsonTokenType.StartObject)
                {
                    keyValues.Add(ReadKeyValue(ref reader));
                }
            }
            else
            {
                reader.Skip();
            }
        }

        return new EtcdRange(revision, keyValues);
    });

    /// <summary>One message of a watch stream (one line of the response body).</summary>
    public static EtcdWatchResponse ReadWatch(ReadOnlySequence<byte> line)
    {
        try
        {
            var reader = new Utf8JsonReader(line);
            ExpectObject(ref reader);
            EtcdWatchResponse? response = null;
            while (NextProperty(ref reader))
            {
                if (reader.ValueTextEquals("result"u8))
                {
                    reader.Read();
                    response = ReadWatchResult(ref reader);
                }
                else if (reader.ValueTextEquals("error"u8))
                {
                    throw ReadStreamError(ref reader);
                }
                else
                {
                    reader.Skip();
                }
            }

            return response ?? throw new EtcdException(EtcdException.Unknown, "a watch message of the etcd gateway has neither 'result' nor 'error'.");
        }
        catch (Exception e) when (e is JsonException or FormatException or InvalidOperationException)
        {
            throw Malformed(e);
        }
    }

    /// <summary>
    /// The failure in a non-success answer: etcd's <c>{"error","message","code"}</c> when the body is
    /// such JSON, else a code derived from the HTTP status (a proxy, or a server that is not etcd).
    /// </summary>
    public static EtcdException ReadError(ReadOnlySpan<byte> body, HttpStatusCode status)
    {
        try
        {
            var reader = Start(body);
            int? code = null;
            string? message = null;
            while (NextProperty(ref reader))
            {
                if (reader.ValueTextEquals("code"u8))
                {
                    code = (int)ReadInt64(ref reader);
                }
                else if (reader.ValueTextEquals("message"u8) || reader.ValueTextEquals("error"u8))
                {
                    reader.Read();
                    if (reader.TokenType == JsonTokenType.StartObject)
                    {
                        return ReadStreamErrorObject(ref reader);
                    }

                    message ??= reader.TokenType == JsonTokenType.String ? reader.GetString() : null;
                }
                else
                {
                    reader.Skip();
                }
            }

            if (code is not null)
            {
                return new EtcdException(code.Value, message ?? $"HTTP {(int)status}");
            }
        }
        catch (Exception e) when (e is JsonException or FormatException or InvalidOperationException)
        {
            // Not etcd's JSON: described from the HTTP status below.
        }

        var text = Encoding.UTF8.GetString(body[..Math.Min(body.Length, 200)]).Trim();
        var gone = status is HttpStatusCode.ServiceUnavailable or HttpStatusCode.BadGateway or HttpStatusCode.GatewayTimeout;
        return new EtcdException(
            gone ? EtcdException.Unavailable : EtcdException.Unknown,
            $"HTTP {(int)status} {status}{(text.Length == 0 ? string.Empty : $": {text}")}");
    }

    private static EtcdWatchResponse ReadWatchResult(ref Utf8JsonReader reader)
    {
        long revision = 0, compactRevision = 0;
        bool created = false, canceled = false;
        string? cancelReason = null;
        var events = new List<EtcdEvent>();
        while (NextProperty(ref reader))
        {
            if (reader.ValueTextEquals("header"u8))
            {
                revision = ReadHeaderRevision(ref reader);
            }
            else if (reader.ValueTextEquals("created"u8))
            {
                created = ReadBoolean(ref reader);
            }
            else if (reader.ValueTextEquals("canceled"u8))
            {
                canceled = ReadBoolean(ref reader);
            }
            else if (reader.ValueTextEquals("compact_revision"u8))
            {
                compactRevision = ReadInt64(ref reader);
            }
            else if (reader.ValueTextEquals("cancel_reason"u8))
            {
                cancelReason = ReadString(ref reader);
            }
            else if (reader.ValueTextEquals("events"u8))
            {
                reader.Read();
                while (reader.Read() && reader.TokenType == JsonTokenType.StartObject)
                {
                    events.Add(ReadEvent(ref reader));
                }
            }
            else
            {
                reader.Skip();
            }
        }

        return new EtcdWatchResponse(revision, created, canceled, compactRevision, cancelReason, events);
    }

    private static EtcdEvent ReadEvent(ref Utf8JsonReader reader)
    {
        var isDelete = false;
        EtcdKeyValue? keyValue = null;
        while (NextProperty(ref reader))
        {
            if (reader.ValueTextEquals("type"u8))
            {
                // PUT is the zero value and so left out; only DELETE appears.
                isDelete = ReadString(ref reader) == "DELETE";
            }
            else if (reader.ValueTextEquals("kv"u8))
            {
                reader.Read();
                keyValue = ReadKeyValue(ref reader);
            }
            else
            {
                reader.Skip();
            }
        }

        return new EtcdEvent(isDelete, keyValue ?? throw new FormatException("a watch event has no 'kv'."));
    }

    private static EtcdKeyValue ReadKeyValue(ref Utf8JsonReader reader)
    {
        if (reader.TokenType != JsonTokenType.StartObject)
        {
            throw new FormatException($"a key-value is a {reader.TokenType}; expected an object.");
        }

        byte[] key = [], value = [];
        long lease = 0;
        while (NextProperty(ref reader))
        {
            if (reader.ValueTextEquals("key"u8))
            {
                key = ReadBytes(ref reader);
            }
            else if (reader.ValueTextEquals("value"u8))
            {
                value = ReadBytes(ref reader);
            }
            else if (reader.ValueTextEquals("lease"u8))
            {
                lease = ReadInt64(ref reader);
            }
            else
            {
                reader.Skip();
            }
        }

        return new EtcdKeyValue(Encoding.UTF8.GetString(key), value, lease);
    }

    private static long ReadHeaderRevision(ref Utf8JsonReader reader)
    {
        reader.Read();
        long revision = 0;
        while (NextProperty(ref reader))
        {
            if (reader.ValueTextEquals("revision"u8))
            {
                revision = ReadInt64(ref reader);
            }
            else
            {
                reader.Skip();
            }
        }

        return revision;
    }

    /// <summary>The <c>error</c> value of a stream message: an object with grpc_code and message.</summary>
    private static EtcdException ReadStreamError(ref Utf8JsonReader reader)
    {
        reader.Read();
        return reader.TokenType == JsonTokenType.StartObject
            ? ReadStreamErrorObject(ref reader)
            : new EtcdException(EtcdException.Unknown, reader.TokenType == JsonTokenType.String ? reader.GetString() ?? "error" : "error");
    }

    private static EtcdException ReadStreamErrorObject(ref Utf8JsonReader reader)
    {
        var code = EtcdException.Unknown;
        string? message = null;
        while (NextProperty(ref reader))
        {
            if (reader.ValueTextEquals("grpc_code"u8) || reader.ValueTextEquals("code"u8))
            {
                code = (int)ReadInt64(ref reader);
            }
            else if (reader.ValueTextEquals("message"u8))
            {
                message = ReadString(ref reader);
            }
            else
            {
                reader.Skip();
            }
        }

        return new EtcdException(code, message ?? $"gRPC status {code}");
    }

    private static T Guard<T>(ReadOnlySpan<byte> json, ReadSpan<T> read)
    {
        try
        {
            return read(json);
        }
        catch (Exception e) when (e is JsonException or FormatException or InvalidOperationException)
        {
            throw Malformed(e);
        }
    }

    private static EtcdException Malformed(Exception e)
        => new(EtcdException.Unknown, $"the etcd gateway answered with JSON this client cannot read ({e.Message}); expected etcd 3.4 or later.", e);

    private static Utf8JsonReader Start(ReadOnlySpan<byte> json)
    {
        var reader = new Utf8JsonReader(json);
        ExpectObject(ref reader);
        return reader;
    }

    private static void ExpectObject(ref Utf8JsonReader reader)
    {
        if (!reader.Read() || reader.TokenType != JsonTokenType.StartObject)
        {
            throw new FormatException("expected a JSON object.");
        }
    }

    /// <summary>Moves to the next property name of the current object; false at its end.</summary>
    private static bool NextProperty(ref Utf8JsonReader reader) => reader.Read() && reader.TokenType == JsonTokenType.PropertyName;

    private static long ReadInt64(ref Utf8JsonReader reader)
    {
        reader.Read();
        return reader.TokenType switch
        {
            JsonTokenType.Number => reader.GetInt64(),
            JsonTokenType.String => long.Parse(reader.GetString()!, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture),
            JsonTokenType.Null => 0,
            _ => throw new FormatException($"expected an integer, got {reader.TokenType}."),
        };
    }

    private static bool ReadBoolean(ref Utf8JsonReader reader)
    {
        reader.Read();
        return reader.TokenType == JsonTokenType.True;
    }

    private static string? ReadString(ref Utf8JsonReader reader)
    {
        reader.Read();
        return reader.TokenType == JsonTokenType.String ? reader.GetString() : null;
    }

    private static byte[] ReadBytes(ref Utf8JsonReader reader)
    {
        reader.Read();
        return reader.TokenType == JsonTokenType.String ? reader.GetBytesFromBase64() : [];
    }

    private delegate T ReadSpan<T>(ReadOnlySpan<byte> json);
}
