using System.Buffers;
using Bhrpc.Registry.ZooKeeper.Client;

namespace Bhrpc.Tests.Registry.ZooKeeper;

public class JuteTests
{
    [Test]
    public void Writer_Values_BigEndianWithLengthPrefix()
    {
        using var writer = new JuteWriter();
        writer.WriteInt32(0x01020304);
        writer.WriteInt64(-2);
        writer.WriteBool(true);
        writer.WriteString("é");
        writer.WriteString(null);
        writer.WriteBuffer([9, 8]);

        byte[] expected =
        [
            0, 0, 0, 29,
            1, 2, 3, 4,
            0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFE,
            1,
            0, 0, 0, 2, 0xC3, 0xA9,
            0xFF, 0xFF, 0xFF, 0xFF,
            0, 0, 0, 2, 9, 8,
        ];
        Assert.That(writer.Packet.ToArray(), Is.EqualTo(expected));
    }

    [Test]
    public void Reader_WhatWriterWrote_ReadsItBack()
    {
        using var writer = new JuteWriter(capacity: 8);
        writer.WriteString(new string('x', 1000));
        writer.WriteStringVector(["a", "bc"]);
        writer.WriteInt64(long.MinValue);

        var reader = new JuteReader(writer.Packet.Span[4..]);

        Assert.That(reader.ReadString(), Is.EqualTo(new string('x', 1000)), "grew past the first buffer");
        Assert.That(reader.ReadStringVector(), Is.EqualTo(new[] { "a", "bc" }));
        Assert.That(reader.ReadInt64(), Is.EqualTo(long.MinValue));
        Assert.That(reader.Rest.Length, Is.Zero);
    }

    [Test]
    public void Reader_ValuePastTheEnd_ThrowsInvalidData()
    {
        byte[] packet = [0, 0, 0, 5, (byte)'a'];

        Assert.Throws<InvalidDataException>(() => new JuteReader(packet).ReadString());
    }

    [Test]
    public void Reader_VectorCountLargerThanPacket_ThrowsInsteadOfAllocating()
    {
        byte[] packet = [0x7F, 0xFF, 0xFF, 0xFF, 0, 0, 0, 0];

        Assert.Throws<InvalidDataException>(() => new JuteReader(packet).ReadStringVector());
    }

    [Test]
    public void Framing_BytesOneAtATime_YieldsEachPacketWhenComplete()
    {
        byte[] stream = [0, 0, 0, 2, 7, 8, 0, 0, 0, 0, 0, 0, 0, 1, 9];
        var packets = new List<byte[]>();
        var received = new List<byte>();
        foreach (var b in stream)
        {
            received.Add(b);
            var buffer = new ReadOnlySequence<byte>(received.ToArray());
            while (ZooKeeperFraming.TryRead(ref buffer, out var packet))
            {
                packets.Add(packet.ToArray());
            }

            received = [.. buffer.ToArray()];
        }

        Assert.That(packets, Has.Count.EqualTo(3));
        Assert.That(packets[0], Is.EqualTo(new byte[] { 7, 8 }));
        Assert.That(packets[1], Is.Empty);
        Assert.That(packets[2], Is.EqualTo(new byte[] { 9 }));
        Assert.That(received, Is.Empty);
    }

    [Test]
    public void Framing_LengthAboveMaximum_ThrowsInvalidData()
    {
        var buffer = new ReadOnlySequence<byte>([0x7F, 0, 0, 0]);

        Assert.Throws<InvalidDataException>(() => ZooKeeperFraming.TryRead(ref buffer, out _));
    }

    [Test]
    public void Handshake_ExpiredAnswer_ReadsAsExpired()
    {
        using var writer = new JuteWriter();
        writer.WriteInt32(0);
        writer.WriteInt32(0);
        writer.WriteInt64(0);
        writer.WriteBuffer(new byte[16]);

        var grant = ZooKeeperHandshake.ReadResponse(writer.Packet.Span[4..]);

        Assert.That(grant.IsExpired, Is.True);
        Assert.That(grant.ReadOnly, Is.False, "a server without the read-only byte");
    }
}
