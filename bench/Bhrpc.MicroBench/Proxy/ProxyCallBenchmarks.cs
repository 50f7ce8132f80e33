using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Configs;
using Bhrpc.Extensions;
using Bhrpc.MicroBench.Services;
using Bhrpc.Proxy;

namespace Bhrpc.MicroBench.Proxy;

/// <summary>
/// What a proxy adds to a call: the <c>dispatch</c> proxy over a handler that returns a completed
/// result at once, against a direct interface call of an implementation that does no work.
/// </summary>
[MemoryDiagnoser]
[CategoriesColumn]
[GroupBenchmarksBy(BenchmarkLogicalGroupRule.ByCategory)]
public class ProxyCallBenchmarks
{
    private IBenchService _direct = null!;
    private IBenchService _proxy = null!;

    [GlobalSetup]
    public void Setup()
    {
        _direct = new BenchService();
        var factory = ExtensionLoader.Shared.Create<IProxyFactory>("dispatch");
        _proxy = (IBenchService)factory.CreateProxy(typeof(IBenchService), new CompletedInvocationHandler());
    }

    [Benchmark(Baseline = true)]
    [BenchmarkCategory("Echo")]
    public string DirectEcho() => _direct.Echo(SampleData.EchoText);

    [Benchmark]
    [BenchmarkCategory("Echo")]
    public string ProxyEcho() => _proxy.Echo(SampleData.EchoText);

    [Benchmark(Baseline = true)]
    [BenchmarkCategory("AddAsync")]
    public Task<int> DirectAddAsync() => _direct.AddAsync(1, 2);

    [Benchmark]
    [BenchmarkCategory("AddAsync")]
    public Task<int> ProxyAddAsync() => _proxy.AddAsync(1, 2);
}
