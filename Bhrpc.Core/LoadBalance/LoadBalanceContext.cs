namespace Bhrpc.LoadBalance;

/// <summary>What a load balancer may use to pick: the call's hash (first argument's, else the service key's) and the caller's IP.</summary>
public readonly record struct LoadBalanceContext(string ServiceKey, int HashCode, string SourceIp);
