using MessagePack;

namespace Bhrpc.MessagePack.Tests;

/// <summary>Writes part of a hand-made msgpack body.</summary>
public delegate void MessagePackWrite(ref MessagePackWriter writer);
