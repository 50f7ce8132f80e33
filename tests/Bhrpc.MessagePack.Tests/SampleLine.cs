using MessagePack;

namespace Bhrpc.MessagePack.Tests;

/// <summary>A [MessagePackObject] record with string keys (property names) and a constructor.</summary>
[MessagePackObject(keyAsPropertyName: true)]
public sealed record SampleLine(string Sku, int Count, DateTime At);
