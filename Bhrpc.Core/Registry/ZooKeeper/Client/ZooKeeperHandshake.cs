namespace Bhrpc.Registry.ZooKeeper.Client;

/// <summary>The first packets of a connection: jute <c>ConnectRequest</c> and <c>ConnectResponse</c> (no request header).</summary>
internal static class ZooKeeperHandshake
{
    /// <summary>The length of a session password.</summary>
    public const int PasswordLength = 16;

    /// <summary>
    /// Writes a <c>ConnectRequest</c>: protocol version 0, the last zxid seen, the session timeout asked
    /// for, the session to resume (0 and a zero password for a new one), and "not read-only".
    /// </summary>
    public static void WriteRequest(JuteWriter writer, long lastZxidSeen, int timeoutMs, long sessionId, ReadOnlySpan<byte> password)
    {
        writer.WriteInt32(0);
        writer.WriteInt64(lastZxidSeen);
        writer.WriteInt32(timeoutMs);
        writer.WriteInt64(sessionId);
        writer.WriteBuffer(password);
        writer.WriteBool(false);
    }

    /// <summary>Reads a <c>ConnectResponse</c>; a timeout of 0 or less means the session to resume has expired.</summary>
    public static ZooKeeperSessionGrant ReadResponse(ReadOnlySpan<byte> packet)
    {
        var reader = new JuteReader(packet);
        _ = reader.ReadInt32();
        var timeoutMs = reader.ReadInt32();
        var sessionId = reader.ReadInt64();
        var password = reader.ReadBuffer();

        // Servers older than 3.4 stop here; newer ones add whether they are read-only.
        var readOnly = reader.Rest.Length > 0 && reader.ReadBool();
        return new ZooKeeperSessionGrant(timeoutMs, sessionId, password, readOnly);
    }
}
