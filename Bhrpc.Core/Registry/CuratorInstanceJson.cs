using System.Buffers;
using System.Text.Encodings.Web;
using System.Text.Json;

namespace Bhrpc.Registry;

/// <summary>
/// The value of a registry node, shared by the zookeeper, etcd and local registries: Curator's
/// <c>ServiceInstance</c> with Java bhrpc's <c>ServiceMeta</c> as payload, as compact UTF-8 JSON
/// with the keys in the order Java bhrpc (Jackson) writes them.
/// </summary>
internal static class CuratorInstanceJson
{
    /// <summary>The Java class Jackson names in the payload's <c>@class</c> key.</summary>
    public const string PayloadClass = "io.binghe.rpc.protocol.meta.ServiceMeta";

    // Jackson escapes only quotes, backslashes and control characters; the default encoder would
    // also escape '+', '&', '<' and every non-ASCII character. The JSON never ends up in HTML.
    private static readonly JsonWriterOptions s_writerOptions = new()
    {
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
        Indented = false,
    };

    /// <summary>The node value for <paramref name="instance"/>.</summary>
    public static byte[] Write(ServiceInstance instance)
    {
        ArgumentNullException.ThrowIfNull(instance);
        var buffer = new ArrayBufferWriter<byte>(512);
        using (var writer = new Utf8JsonWriter(buffer, s_writerOptions))
        {
            writer.WriteStartObject();
            writer.WriteString("name"u8, instance.ServiceKey);
            writer.WriteString("id"u8, instance.Id);
            writer.WriteString("address"u8, instance.Host);
            writer.WriteNumber("port"u8, instance.Port);
            writer.WriteNull("sslPort"u8);
            writer.WriteStartObject("payload"u8);
            writer.WriteString("@class"u8, PayloadClass);
            writer.WriteString("serviceName"u8, instance.ServiceName);
            writer.WriteString("serviceVersion"u8, instance.Version);
            writer.WriteString("serviceAddr"u8, instance.Host);
            writer.WriteNumber("servicePort"u8, instance.Port);
            writer.WriteString("serviceGroup"u8, instance.Group);
            writer.WriteNumber("weight"u8, instance.Weight);
            if (instance.Tag is not null)
            {
                // Only when set, so an untagged instance's bytes stay Java bhrpc's. A Java reader ignores the key: Curator's
                // JsonInstanceSerializer (since CURATOR-275, so in the 2.12 Java bhrpc uses) reads the instance and its
                // ServiceMeta payload with FAIL_ON_UNKNOWN_PROPERTIES off.
                writer.WriteString("tag"u8, instance.Tag);
            }

            writer.WriteEndObject();
            writer.WriteNumber("registrationTimeUTC"u8, instance.RegisteredAt.ToUnixTimeMilliseconds());
            writer.WriteString("serviceType"u8, "DYNAMIC");
            writer.WriteNull("uriSpec"u8);
            writer.WriteEndObject();
        }

        return buffer.WrittenSpan.ToArray();
    }

    /// <summary>
    /// Reads a node value. Unknown keys are ignored; a missing <c>weight</c> reads as 1, a
    /// missing <c>serviceGroup</c> as empty and a missing or empty <c>tag</c> as none; host and port come from the payload, else from
    /// Curator's <c>address</c> and <c>port</c>.
    /// </summary>
    /// <exception cref="FormatException">The value is not JSON, or lacks the id, host or port.</exception>
    public static ServiceInstance Read(ReadOnlySpan<byte> json)
    {
        try
        {
            return ReadCore(json);
        }
        catch (JsonException e)
        {
            throw new FormatException($"a registry node value is not valid JSON: {e.Message}", e);
        }
    }

    private static ServiceInstance ReadCore(ReadOnlySpan<byte> json)
    {
        var reader = new Utf8JsonReader(json, new JsonReaderOptions { CommentHandling = JsonCommentHandling.Disallow });
        if (!reader.Read() || reader.TokenType != JsonTokenType.StartObject)
        {
            throw new FormatException("a registry node value must be a JSON object (Curator ServiceInstance).");
        }

        string? name = null, id = null, address = null;
        int? port = null;
        long? registeredAt = null;
        var payload = default(Payload);
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            if (reader.ValueTextEquals("name"u8))
            {
                name = ReadString(ref reader, "name");
            }
            else if (reader.ValueTextEquals("id"u8))
            {
                id = ReadString(ref reader, "id");
            }
            else if (reader.ValueTextEquals("address"u8))
            {
                address = ReadString(ref reader, "address");
            }
            else if (reader.ValueTextEquals("port"u8))
            {
                port = ReadInt32(ref reader, "port");
            }
            else if (reader.ValueTextEquals("registrationTimeUTC"u8))
            {
                registeredAt = ReadInt64(ref reader, "registrationTimeUTC");
            }
            else if (reader.ValueTextEquals("payload"u8))
            {
                payload = ReadPayload(ref reader);
            }
            else
            {
                reader.Skip();
            }
        }

        if (reader.TokenType != JsonTokenType.EndObject)
        {
            throw new FormatException("a registry node value ends early: expected '}'.");
        }

        // Anything after the object (two values run together) makes the reader throw here.
        if (reader.Read())
        {
            throw new FormatException("a registry node value has data after its JSON object.");
        }

        return Build(name, id, address, port, registeredAt, payload);
    }

    private static ServiceInstance Build(string? name, string? id, string? address, int? port, long? registeredAt, Payload payload)
    {
        if (string.IsNullOrEmpty(id))
        {
            throw new FormatException("a registry node value has no 'id'; expected the instance id (a UUID).");
        }

        var host = payload.ServiceAddr ?? address;
        if (string.IsNullOrEmpty(host))
        {
            throw new FormatException($"registry node '{id}' has neither 'payload.serviceAddr' nor 'address'.");
        }

        var effectivePort = payload.ServicePort ?? port;
        if (effectivePort is not (>= 1 and <= 65535))
        {
            throw new FormatException($"registry node '{id}' has no port of 1..65535 in 'payload.servicePort' or 'port' (got {effectivePort?.ToString() ?? "none"}).");
        }

        // The payload normally names the service; if it does not, Curator's name is the service key.
        var keyParts = name?.Split('#');
        var serviceName = payload.ServiceName ?? (keyParts is { Length: 3 } ? keyParts[0] : null);
        if (string.IsNullOrEmpty(serviceName))
        {
            throw new FormatException($"registry node '{id}' names no service: expected 'payload.serviceName' or a 'name' of the form service#version#group.");
        }

        var version = payload.ServiceVersion ?? (keyParts is { Length: 3 } ? keyParts[1] : null);
        if (string.IsNullOrEmpty(version))
        {
            version = Protocol.ServiceKey.DefaultVersion;
        }

        const long MinMillis = -62_135_596_800_000, MaxMillis = 253_402_300_799_999;
        var millis = registeredAt ?? 0;
        if (millis is < MinMillis or > MaxMillis)
        {
            throw new FormatException($"registry node '{id}' has a 'registrationTimeUTC' out of range: {millis}.");
        }

        // Java bhrpc's weights are 1..100; keep a foreign value inside that range rather than drop the provider.
        var weight = Math.Clamp(payload.Weight ?? 1, 1, 100);
        return new ServiceInstance(
            serviceName,
            version,
            payload.ServiceGroup ?? string.Empty,
            host,
            effectivePort.Value,
            weight,
            id,
            DateTimeOffset.FromUnixTimeMilliseconds(millis))
        {
            Tag = string.IsNullOrEmpty(payload.Tag) ? null : payload.Tag,
        };
    }

    private static Payload ReadPayload(ref Utf8JsonReader reader)
    {
        var payload = default(Payload);
        reader.Read();
        if (reader.TokenType == JsonTokenType.Null)
        {
            return payload;
        }

        if (reader.TokenType != JsonTokenType.StartObject)
        {
            throw new FormatException($"'payload' is a {reader.TokenType}; expected an object (ServiceMeta).");
        }

        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            if (reader.ValueTextEquals("serviceName"u8))
            {
                payload.ServiceName = ReadString(ref reader, "payload.serviceName");
            }
            else if (reader.ValueTextEquals("serviceVersion"u8))
            {
                payload.ServiceVersion = ReadString(ref reader, "payload.serviceVersion");
            }
            else if (reader.ValueTextEquals("serviceAddr"u8))
            {
                payload.ServiceAddr = ReadString(ref reader, "payload.serviceAddr");
            }
            else if (reader.ValueTextEquals("servicePort"u8))
            {
                payload.ServicePort = ReadInt32(ref reader, "payload.servicePort");
            }
            else if (reader.ValueTextEquals("serviceGroup"u8))
            {
                payload.ServiceGroup = ReadString(ref reader, "payload.serviceGroup");
            }
            else if (reader.ValueTextEquals("weight"u8))
            {
                payload.Weight = ReadInt32(ref reader, "payload.weight");
            }
            else if (reader.ValueTextEquals("tag"u8))
            {
                payload.Tag = ReadString(ref reader, "payload.tag");
            }
            else
            {
                reader.Skip();
            }
        }

        return payload;
    }

    private static string? ReadString(ref Utf8JsonReader reader, string key)
    {
        reader.Read();
        return reader.TokenType switch
        {
            JsonTokenType.Null => null,
            JsonTokenType.String => reader.GetString(),
            _ => throw new FormatException($"'{key}' is a {reader.TokenType}; expected a string."),
        };
    }

    private static int? ReadInt32(ref Utf8JsonReader reader, string key)
    {
        reader.Read();
        if (reader.TokenType == JsonTokenType.Null)
        {
            return null;
        }

        return reader.TokenType == JsonTokenType.Number && reader.TryGetInt32(out var value)
            ? value
            : throw new FormatException($"'{key}' is not a 32-bit integer.");
    }

    private static long? ReadInt64(ref Utf8JsonReader reader, string key)
    {
        reader.Read();
        if (reader.TokenType == JsonTokenType.Null)
        {
            return null;
        }

        return reader.TokenType == JsonTokenType.Number && reader.TryGetInt64(out var value)
            ? value
            : throw new FormatException($"'{key}' is not a 64-bit integer.");
    }

    private struct Payload
    {
        public string? ServiceName;
        public string? ServiceVersion;
        public string? ServiceAddr;
        public int? ServicePort;
        public string? ServiceGroup;
        public int? Weight;
        public string? Tag;
    }
}
