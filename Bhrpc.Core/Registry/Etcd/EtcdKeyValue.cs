namespace Bhrpc.Registry.Etcd;

/// <summary>One key of etcd, as the gateway returns it: the key (UTF-8), the raw value and the lease it is bound to (0 for none).</summary>
internal sealed record EtcdKeyValue(string Key, byte[] Value, long Lease);
