namespace Bhrpc.Registry.Etcd;

/// <summary>One change seen by a watch: a put (with the new value) or a delete (with the key only).</summary>
internal sealed record EtcdEvent(bool IsDelete, EtcdKeyValue KeyValue);
