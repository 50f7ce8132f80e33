namespace Bhrpc.Invocation;

/// <summary>The rest of the pipeline after a filter: the next filter, or the cluster (consumer) or service method (provider).</summary>
public delegate ValueTask<RpcResult> RpcInvocationDelegate(RpcInvocation invocation);
