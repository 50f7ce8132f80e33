using Bhrpc.MessagePack.Tests.Behaviour;

namespace Bhrpc.MessagePack.Tests.EndToEnd;

/// <summary>Real calls over loopback between an <see cref="RpcServer"/> and an <see cref="RpcClient"/> with <c>ReferenceOptions.Serializer = "msgpack"</c>.</summary>
[TestFixture]
public sealed class MessagePackEndToEndTests
{
    private static readonly TimeSpan s_bound = TimeSpan.FromSeconds(30);

    private string _registry = null!;
    private Catalog _service = null!;
    private RpcServer _server = null!;
    private RpcClient _client = null!;
    private ICatalog _proxy = null!;

    [SetUp]
    public async Task SetUp()
    {
        _registry = Directory.CreateTempSubdirectory("bhrpc-msgpack-").FullName;
        _service = new Catalog();
        _server = await new RpcServerBuilder()
            .Listen("127.0.0.1", 0)
            .UseRegistry("local", _registry)
            .AddService<ICatalog>(_service)
            .StartAsync()
            .WaitAsync(s_bound);
        _client = new RpcClient(new ClientOptions { Registry = new RegistryOptions { Type = "local", Address = _registry } });
        _proxy = _client.CreateProxy<ICatalog>(r =>
        {
            r.Serializer = "msgpack";
            r.DirectAddress = $"127.0.0.1:{_server.Port}";
            r.Timeout = TimeSpan.FromSeconds(10);
        });
    }

    [TearDown]
    public async Task TearDown()
    {
        await _client.DisposeAsync();
        await _server.DisposeAsync();
        Directory.Delete(_registry, recursive: true);
    }

    [Test]
    public void Rename_MessagePackObjectAndString_ReturnsTheRenamedObject()
    {
        var sample = MessagePackSerializerBehaviourTests.FullSample();

        var renamed = _proxy.Rename(sample, "Augusta");

        Assert.That(renamed, Is.EqualTo(sample with { Name = "Augusta" }));
    }

    [Test]
    public async Task LinesAsync_ReturnsAListOfRecords()
    {
        var lines = await _proxy.LinesAsync("sku", 2).WaitAsync(s_bound);

        Assert.That(lines, Is.EqualTo(new[] { new SampleLine("sku-1", 1, Catalog.Day.AddDays(1)), new SampleLine("sku-2", 2, Catalog.Day.AddDays(2)) }));
    }

    [Test]
    public void Count_ListArgument_ReturnsADictionary()
        => Assert.That(_proxy.Count(["a", "b", "a"]), Is.EqualTo(new Dictionary<string, int> { ["a"] = 2, ["b"] = 1 }));

    [Test]
    public void Echo_StringsIncludingNullAndEmpty_RoundTrip()
    {
        Assert.That(_proxy.Echo("héllo 中文"), Is.EqualTo("héllo 中文"));
        Assert.That(_proxy.Echo(string.Empty), Is.Empty);
        Assert.That(_proxy.Echo(null), Is.Null);
    }

    [Test]
    public void Forget_VoidMethod_RunsOnTheProvider()
    {
        _proxy.Forget(42);

        Assert.That(_service.Forgotten, Is.EqualTo(new[] { 42L }));
    }

    [Test]
    public void FailAsync_ServiceThrows_CallerGetsTheRemoteError()
    {
        var error = Assert.ThrowsAsync<RpcException>(() => _proxy.FailAsync("no such sample").WaitAsync(s_bound));

        Assert.That(error!.StatusCode, Is.EqualTo(RpcStatusCode.RemoteError));
        Assert.That(error.RemoteType, Is.EqualTo(typeof(InvalidOperationException).FullName));
        Assert.That(error.Message, Does.Contain("no such sample"));
    }

    [Test]
    public void Plain_ResultTypeMsgpackDoesNotCarry_FailsWithSerializationNamingTheType()
    {
        var error = Assert.Throws<RpcException>(() => _proxy.Plain(1));

        Assert.That(error!.StatusCode, Is.EqualTo(RpcStatusCode.Serialization));
        Assert.That(error.Message, Does.Contain(typeof(Unannotated).FullName!));
    }
}
