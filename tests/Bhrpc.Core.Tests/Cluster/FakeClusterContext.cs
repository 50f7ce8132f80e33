using System.Collections.Concurrent;
using Bhrpc.Cluster;
using Bhrpc.Invocation;
using Bhrpc.Metadata;
using Bhrpc.Registry;
using Microsoft.Extensions.Logging;

namespace Bhrpc.Tests.Cluster;

/// <summary>A cluster context with scripted per-provider outcomes; records every attempt.</summary>
internal sealed class FakeClusterContext : ClusterContext
{
    private readonly ConcurrentDictionary<string, Func<RpcInvocation, RpcResult>> _outcomes = new(StringComparer.Ordinal);
    private readonly ConcurrentQueue<string> _attempts = new();

    public FakeClusterContext(ILogger logger, TimeProvider? clock = null, params string[] addresses)
    {
        Logger = logger;
        TimeProvider = clock ?? TimeProvider.System;
        Providers = [.. addresses.Select(a => MakeProvider(a, TimeProvider))];
    }

    public override string ServiceKey => "Demo#1.0.0#";

    public override TimeProvider TimeProvider { get; }

    public override ILogger Logger { get; }

    public List<Provider> Providers { get; }

    public IReadOnlyList<string> Attempts => [.. _attempts];

    public static Provider MakeProvider(string address, TimeProvider clock, string? tag = null)
    {
        var colon = address.LastIndexOf(':');
        var instance = new ServiceInstance("Demo", "1.0.0", "", address[..colon], int.Parse(address[(colon + 1)..], System.Globalization.CultureInfo.InvariantCulture), 100, Guid.NewGuid().ToString(), DateTimeOffset.UnixEpoch) { Tag = tag };
        return new Provider(instance, new ProviderStats(instance.Address, clock));
    }

    public static RpcInvocation Invocation(Type service, string method, object?[] arguments)
    {
        var descriptor = ServiceDescriptor.For(service).ByMethod[service.GetMethod(method)!];
        return new RpcInvocation(RpcSide.Consumer, "Demo#1.0.0#", descriptor, descriptor.Name, arguments, TimeProvider.System);
    }

    public void Script(string address, Func<RpcInvocation, RpcResult> outcome) => _outcomes[address] = outcome;

    public void Fail(string address, RpcStatusCode status = RpcStatusCode.Unavailable) =>
        Script(address, _ => RpcResult.FromException(new RpcException(status, $"scripted failure of {address}")));

    public override ValueTask<IReadOnlyList<Provider>> RouteAsync(RpcInvocation invocation) => ValueTask.FromResult<IReadOnlyList<Provider>>(Providers);

    public override Provider? Select(RpcInvocation invocation, IReadOnlyList<Provider> providers, IReadOnlyCollection<Provider>? excluded)
    {
        if (providers.Count == 0)
        {
            return null;
        }

        return providers.FirstOrDefault(p => excluded is null || !excluded.Contains(p)) ?? providers[0];
    }

    public override ValueTask<RpcResult> InvokeAsync(Provider provider, RpcInvocation invocation)
    {
        _attempts.Enqueue(provider.Address);
        return ValueTask.FromResult(_outcomes.TryGetValue(provider.Address, out var outcome) ? outcome(invocation) : RpcResult.FromValue(provider.Address));
    }

    public override bool CanRetry(RpcInvocation invocation, Exception error) => error is RpcException { StatusCode: RpcStatusCode.Unavailable };
}
