using Bhrpc.Tests.Infrastructure;
using Bhrpc.Tests.Protos;
using Bhrpc.Tests.Serialization.Behaviour;

namespace Bhrpc.Tests.Serialization.Protobuf;

/// <summary>Real calls over loopback with <c>ReferenceOptions.Serializer = "protobuf"</c>, found through a local registry.</summary>
[TestFixture]
public sealed class ProtobufEndToEndTests
{
    private CustomerDirectoryHost _host = null!;
    private CustomerDirectory _service = null!;
    private ICustomerDirectory _proxy = null!;

    [SetUp]
    public async Task SetUp()
    {
        _service = new CustomerDirectory(
            ProtobufSerializerBehaviourTests.SampleCustomer(),
            new Customer { Id = 2, Name = "Adele" },
            new Customer { Id = 3, Name = "Bob" });
        _host = await CustomerDirectoryHost.StartAsync(_service);
        _proxy = _host.Client.CreateProxy<ICustomerDirectory>(r =>
        {
            r.Serializer = "protobuf";
            r.Timeout = TimeSpan.FromSeconds(10);
        });
    }

    [TearDown]
    public async Task TearDown() => await _host.DisposeAsync();

    [Test]
    public void Rename_MessageAndStringArguments_ReturnsTheRenamedMessage()
    {
        var customer = ProtobufSerializerBehaviourTests.SampleCustomer();

        var renamed = _proxy.Rename(customer, "Augusta");

        var expected = customer.Clone();
        expected.Name = "Augusta";
        Assert.That(renamed, Is.EqualTo(expected));
    }

    [Test]
    public async Task FindAsync_MessageArgument_ReturnsAPageOfMessages()
    {
        var first = await _proxy.FindAsync(new CustomerQuery { NamePrefix = "Ad", Limit = 1 }).WithTimeout();
        var all = await _proxy.FindAsync(new CustomerQuery { NamePrefix = "Ad", Limit = 10 }).WithTimeout();

        Assert.That(first.More, Is.True);
        Assert.That(first.Customers, Is.EqualTo(new[] { new Customer { Id = 2, Name = "Adele" } }));
        Assert.That(all.More, Is.False);
        Assert.That(all.Customers, Is.EqualTo(new[] { new Customer { Id = 2, Name = "Adele" }, ProtobufSerializerBehaviourTests.SampleCustomer() }));
    }

    [Test]
    public void CountTags_ReturnsAnInt() => Assert.That(_proxy.CountTags(ProtobufSerializerBehaviourTests.SampleCustomer()), Is.EqualTo(2));

    [Test]
    public void Get_LongArgument_ReturnsTheMessageOrNull()
    {
        Assert.That(_proxy.Get(2)?.Name, Is.EqualTo("Adele"));
        Assert.That(_proxy.Get(404), Is.Null);
    }

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
        var error = Assert.ThrowsAsync<RpcException>(() => _proxy.FailAsync("no such customer").WithTimeout());

        Assert.That(error!.StatusCode, Is.EqualTo(RpcStatusCode.RemoteError));
        Assert.That(error.RemoteType, Is.EqualTo(typeof(InvalidOperationException).FullName));
        Assert.That(error.Message, Does.Contain("no such customer"));
    }

    [Test]
    public void Tomorrow_TypeProtobufCannotCarry_FailsWithSerialization()
    {
        var error = Assert.Throws<RpcException>(() => _proxy.Tomorrow(new DateTime(2024, 1, 1, 0, 0, 0, DateTimeKind.Utc)));

        Assert.That(error!.StatusCode, Is.EqualTo(RpcStatusCode.Serialization));
        Assert.That(error.Message, Does.Contain("System.DateTime"));
    }
}
