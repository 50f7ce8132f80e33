namespace Bhrpc.Registry.Etcd;

/// <summary>
/// One message of a watch stream. <see cref="Created"/> confirms the watch; <see cref="Canceled"/>
/// ends it (for example because the start revision was compacted, see <see cref="CompactRevision"/>).
/// </summary>
internal sealed record EtcdWatchResponse(
    long Revision,
    bool Created,
    bool Canceled,
    long CompactRevision,
    string? CancelReason,
    IReadOnlyList<EtcdEvent> Events);
