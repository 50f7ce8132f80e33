namespace Bhrpc.Registry.Etcd;

/// <summary>The keys of a range read, and the store revision the read saw (a watch from <c>Revision + 1</c> misses nothing).</summary>
internal sealed record EtcdRange(long Revision, IReadOnlyList<EtcdKeyValue> KeyValues);
