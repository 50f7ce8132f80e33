using Bhrpc.Invocation;

namespace Bhrpc.Cluster.Failback;

/// <summary>One failed call waiting for its next background retry.</summary>
internal sealed class FailbackEntry(RpcInvocation retry, ClusterContext context, string call, Exception error)
{
    /// <summary>The invocation the retries send: a copy of the caller's, on the cluster's cancellation, with a fresh deadline per retry.</summary>
    public RpcInvocation Retry { get; } = retry;

    /// <summary>The reference's cluster context the call was made through.</summary>
    public ClusterContext Context { get; } = context;

    /// <summary>The call as named in messages.</summary>
    public string Call { get; } = call;

    /// <summary>The latest failure.</summary>
    public Exception Error { get; set; } = error;

    /// <summary>Background retries made so far.</summary>
    public int Attempts { get; set; }

    /// <summary>The timestamp (on the cluster's clock) from which the next retry is due.</summary>
    public long Due { get; set; }
}
