using Bhrpc.Tests.Infrastructure;

namespace Bhrpc.Tests.EndToEnd;

/// <summary>Real calls over loopback: every return shape, overloads, data types, failures.</summary>
public sealed class CallTests
{
    private Harness _harness = null!;

    [SetUp]
    public async Task SetUp() => _harness = await Harness.StartAsync();

    [TearDown]
    public async Task TearDown() => await _harness.DisposeAsync();

    [Test]
    public void Sync_ReturnsValue() => Assert.That(_harness.Proxy().Add(2, 3), Is.EqualTo(5));

    [Test]
    public async Task TaskOfT_ReturnsValue() => Assert.That(await _harness.Proxy().AddAsync(20, 22).WithTimeout(), Is.EqualTo(42));

    [Test]
    public async Task ValueTaskOfT_ReturnsValue() => Assert.That(await _harness.Proxy().EchoValueAsync("vt").AsTask().WithTimeout(), Is.EqualTo("vt"));

    [Test]
    public async Task Task_CompletesWhenTheServiceDoes()
    {
        var proxy = _harness.Proxy();
        var call = proxy.PauseAsync(200);
        Assert.That(call.IsCompleted, Is.False, "an async proxy method must not block its caller");
        await call.WithTimeout();
    }

    [Test]
    public void Void_RunsOnTheProvider()
    {
        _harness.Proxy().Record("sync void");
        Assert.That(_harness.Service.Recorded.Reader.TryRead(out var text), Is.True, "a sync void call returns after the provider ran it");
        Assert.That(text, Is.EqualTo("sync void"));
    }

    [Test]
    public void NullArgumentAndNullResult_RoundTrip() => Assert.That(_harness.Proxy().Echo(null), Is.Null);

    [Test]
    public void Record_RoundTrips()
    {
        var older = _harness.Proxy().Older(new Person("Ada", 36, ["math"]));
        Assert.That(older.Name, Is.EqualTo("Ada"));
        Assert.That(older.Age, Is.EqualTo(37));
        Assert.That(older.Tags, Is.EqualTo(new[] { "math" }));
    }

    [Test]
    public void Overloads_ResolveByPortableParameterTypes()
    {
        var proxy = _harness.Proxy();
        Assert.That(proxy.Describe(7), Is.EqualTo("int 7"));
        Assert.That(proxy.Describe("7"), Is.EqualTo("string 7"));
    }

    [Test]
    public void ServiceThrows_SyncCallerGetsRemoteTypeAndMessage()
    {
        var error = Assert.Throws<RpcException>(() => _harness.Proxy().Fail("boom"));
        Assert.That(error!.StatusCode, Is.EqualTo(RpcStatusCode.RemoteError));
        Assert.That(error.RemoteType, Is.EqualTo(typeof(InvalidOperationException).FullName));
        Assert.That(error.Message, Does.Contain("boom").And.Contain("Fail(java.lang.String)"));
    }

    [Test]
    public void ServiceThrowsAsync_AsyncCallerGetsRemoteError()
    {
        var error = Assert.ThrowsAsync<RpcException>(() => _harness.Proxy().FailAsync("async boom").WithTimeout());
        Assert.That(error!.StatusCode, Is.EqualTo(RpcStatusCode.RemoteError));
        Assert.That(error.RemoteType, Is.EqualTo(typeof(ArgumentException).FullName));
        Assert.That(error.Message, Does.Contain("async boom"));
    }

    [Test]
    public void ServiceThrows_OtherCallsOnTheConnectionStillWork()
    {
        var proxy = _harness.Proxy();
        Assert.Throws<RpcException>(() => proxy.Fail("x"));
        Assert.That(proxy.Add(1, 1), Is.EqualTo(2));
    }

    [Test]
    public void UnknownVersion_FailsWithServiceNotFoundListingExports()
    {
        var error = Assert.Throws<RpcException>(() => _harness.Proxy(r => r.Version = "9.9.9").Add(1, 2));
        Assert.That(error!.StatusCode, Is.EqualTo(RpcStatusCode.ServiceNotFound));
        Assert.That(error.Message, Does.Contain("ICalculator#9.9.9#").And.Contain("ICalculator#1.0.0#"));
    }

    [Test]
    public async Task ThroughTheLocalRegistry_FindsTheProvider()
    {
        var proxy = _harness.Client.CreateProxy<ICalculator>(r => r.Timeout = TimeSpan.FromSeconds(10));
        Assert.That(await proxy.AddAsync(1, 2).WithTimeout(), Is.EqualTo(3));
    }

    [Test]
    public void NoProviderInRegistry_FailsWithNoProvider()
    {
        var proxy = _harness.Client.CreateProxy<ICalculator>(r => r.Group = "nobody-here");
        var error = Assert.Throws<RpcException>(() => proxy.Add(1, 2));
        Assert.That(error!.StatusCode, Is.EqualTo(RpcStatusCode.NoProvider));
        Assert.That(error.Message, Does.Contain("ICalculator#1.0.0#nobody-here").And.Contain("local://"));
    }

    [Test]
    public void UnknownSerializerName_FailsWhenTheProxyIsMade()
    {
        var error = Assert.Throws<RpcException>(() => _harness.Proxy(r => r.Serializer = "nosuch"));
        Assert.That(error!.StatusCode, Is.EqualTo(RpcStatusCode.Configuration));
        Assert.That(error.Message, Does.Contain("'nosuch'").And.Contain("json"));
    }

    [Test]
    public void JavaProxyAlias_MakesADispatchProxy() => Assert.That(_harness.Proxy(r => r.Proxy = "jdk").Add(1, 1), Is.EqualTo(2));

    [Test]
    public async Task ThousandConcurrentCallsOverOneConnection_EachGetsItsOwnResult()
    {
        var proxy = _harness.Proxy();
        var calls = Enumerable.Range(0, 1000).Select(i => proxy.AddAsync(i, 1_000_000)).ToArray();

        var results = await Task.WhenAll(calls).WithTimeout();

        Assert.That(results, Is.EqualTo(Enumerable.Range(0, 1000).Select(i => i + 1_000_000)));
        Assert.That(_harness.Server.ConnectionCount, Is.EqualTo(1));
    }
}
