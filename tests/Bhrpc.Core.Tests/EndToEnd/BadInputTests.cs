using System.Buffers.Binary;
using System.Text;
using Bhrpc.Protocol;
using Bhrpc.Tests.Infrastructure;

namespace Bhrpc.Tests.EndToEnd;

/// <summary>
/// Bad input against a real server over loopback: each fails only its own call or connection,
/// with a message that says what was expected, and a second connection is still served.
/// </summary>
public sealed class BadInputTests
{
    private Harness _harness = null!;

    [SetUp]
    public async Task SetUp() => _harness = await Harness.StartAsync(server: s => s.MaxFrameSize = 64 * 1024);

    [TearDown]
    public async Task TearDown() => await _harness.DisposeAsync();

    private void AssertStillServed() => Assert.That(_harness.Proxy().Add(40, 2), Is.EqualTo(42), "another connection must still be served");

    private async Task<Bhrpc.Serialization.DecodedResponse> FailureFor(byte[] frame)
    {
        await using var raw = await RawConnection.ConnectAsync(_harness.Server.Port);
        await raw.SendAsync(frame);
        var response = await raw.ReadResponseAsync();
        Assert.That(response, Is.Not.Null, "the server must answer with a failure, not close");
        Assert.That(response!.Value.Header.Status, Is.EqualTo(RpcHeader.StatusFailure));

        // The same connection keeps working after a failed call.
        await raw.SendAsync(RawConnection.RequestFrame(99, RawConnection.Request("Add", ["int", "int"], [1, 2])));
        var next = await raw.ReadResponseAsync();
        Assert.That(next?.Header.RequestId, Is.EqualTo(99));
        Assert.That(next?.Header.Status, Is.EqualTo(RpcHeader.StatusSuccess));
        return RawConnection.Decode(response.Value.Body);
    }

    private async Task AssertClosedAsync(byte[] bytes)
    {
        await using var raw = await RawConnection.ConnectAsync(_harness.Server.Port);
        await raw.SendAsync(bytes);
        Assert.That(await raw.ReadResponseAsync(), Is.Null, "the server must close this connection without answering");
    }

    [Test]
    public async Task WrongMagic_ClosesOnlyThatConnection()
    {
        var frame = RawConnection.RequestFrame(1, RawConnection.Request("Add", ["int", "int"], [1, 2]));
        frame[0] = 0xCA;
        frame[1] = 0xFE;
        await AssertClosedAsync(frame);
        AssertStillServed();
    }

    [Test]
    public async Task NegativeBodyLength_ClosesOnlyThatConnection()
    {
        var frame = RawConnection.RawFrame(MessageType.Request, 1, []);
        BinaryPrimitives.WriteInt32BigEndian(frame.AsSpan(28), -1);
        await AssertClosedAsync(frame);
        AssertStillServed();
    }

    [Test]
    public async Task OverLimitBodyLength_ClosesWithoutWaitingForTheBody()
    {
        // Only the header is sent; the server must not wait for 100 MB.
        var header = RawConnection.RawFrame(MessageType.Request, 1, [])[..32];
        BinaryPrimitives.WriteInt32BigEndian(header.AsSpan(28), 100 * 1024 * 1024);
        await AssertClosedAsync(header);
        AssertStillServed();
    }

    [Test]
    public async Task FrameCutOffByAClosedSocket_ServerKeepsServing()
    {
        var frame = RawConnection.RequestFrame(1, RawConnection.Request("Add", ["int", "int"], [1, 2]));
        await using (var raw = await RawConnection.ConnectAsync(_harness.Server.Port))
        {
            await raw.SendAsync(frame[..(frame.Length / 2)]);
        }

        AssertStillServed();
    }

    [Test]
    public async Task UnknownMessageType_IsSkipped()
    {
        await using var raw = await RawConnection.ConnectAsync(_harness.Server.Port);
        await raw.SendAsync([
            .. RawConnection.RawFrame((MessageType)42, 1, [1, 2, 3, 4]),
            .. RawConnection.RequestFrame(2, RawConnection.Request("Add", ["int", "int"], [1, 2])),
        ]);
        var response = await raw.ReadResponseAsync();
        Assert.That(response?.Header.RequestId, Is.EqualTo(2));
    }

    [Test]
    public async Task GarbageBody_FailsThatCallWithSerialization()
    {
        var response = await FailureFor(RawConnection.RawFrame(MessageType.Request, 5, Encoding.UTF8.GetBytes("this is not json")));
        Assert.That(response.ErrorType, Is.EqualTo("Bhrpc.RpcException:Serialization"));
        Assert.That(response.Error, Does.Contain("could not be decoded"));
        AssertStillServed();
    }

    [Test]
    public async Task UnknownSerializerName_FailsThatCallAndNamesTheKnownOnes()
    {
        var response = await FailureFor(RawConnection.RawFrame(MessageType.Request, 5, [1, 2, 3], serializer: "nosuch"));
        Assert.That(response.Error, Does.Contain("unknown serializer 'nosuch'").And.Contain("json"));
    }

    [Test]
    public async Task UnknownService_FailsWithTheListOfExports()
    {
        var request = new RpcRequest { ClassName = "No.Such.IService", MethodName = "Add", ParameterTypes = [], Parameters = [] };
        var response = await FailureFor(RawConnection.RequestFrame(5, request));
        Assert.That(response.ErrorType, Is.EqualTo("Bhrpc.RpcException:ServiceNotFound"));
        Assert.That(response.Error, Does.Contain("No.Such.IService#1.0.0#").And.Contain(typeof(ICalculator).FullName + "#1.0.0#"));
    }

    [Test]
    public async Task UnknownMethod_FailsWithTheListOfMethods()
    {
        var response = await FailureFor(RawConnection.RequestFrame(5, RawConnection.Request("Multiply", ["int", "int"], [1, 2])));
        Assert.That(response.ErrorType, Is.EqualTo("Bhrpc.RpcException:MethodNotFound"));
        Assert.That(response.Error, Does.Contain("Multiply(int,int)").And.Contain("Add(int,int)"));
    }

    [Test]
    public async Task UnknownOverload_FailsWithMethodNotFound()
    {
        var response = await FailureFor(RawConnection.RequestFrame(5, RawConnection.Request("Describe", ["long"], [1L])));
        Assert.That(response.ErrorType, Is.EqualTo("Bhrpc.RpcException:MethodNotFound"));
        Assert.That(response.Error, Does.Contain("Describe(long)").And.Contain("Describe(int)").And.Contain("Describe(java.lang.String)"));
    }

    [Test]
    public async Task WrongArgumentCount_FailsWithSerialization()
    {
        var response = await FailureFor(RawConnection.RequestFrame(5, RawConnection.Request("Add", ["int", "int"], [1])));
        Assert.That(response.ErrorType, Is.EqualTo("Bhrpc.RpcException:Serialization"));
        Assert.That(response.Error, Does.Contain("Add(int,int)").And.Contain("2"));
    }

    [Test]
    public async Task WrongArgumentType_FailsWithSerialization()
    {
        var response = await FailureFor(RawConnection.RequestFrame(5, RawConnection.Request("Add", ["int", "int"], ["one", "two"])));
        Assert.That(response.ErrorType, Is.EqualTo("Bhrpc.RpcException:Serialization"));
    }

    [Test]
    public async Task RequestOverTheServerLimit_FailsThatCallWithFrameTooLargeAndKeepsTheConnection()
    {
        // 80 KiB of body against a server limit of 64 KiB: the body is discarded and the request answered.
        var response = await FailureFor(RawConnection.RawFrame(MessageType.Request, 5, new byte[80 * 1024]));
        Assert.That(response.ErrorType, Is.EqualTo("Bhrpc.RpcException:FrameTooLarge"));
        Assert.That(response.Error, Does.Contain($"request 5 has a body of {80 * 1024} bytes").And.Contain("limit of 65536 bytes").And.Contain("ServerOptions.MaxFrameSize"));
        AssertStillServed();
    }

    [Test]
    public void RequestOverTheClientLimit_FailsBeforeSending()
    {
        var error = Assert.Throws<RpcException>(() => _harness.Proxy().Echo(new string('x', 9 * 1024 * 1024)));
        Assert.That(error!.StatusCode, Is.EqualTo(RpcStatusCode.FrameTooLarge));
        Assert.That(error.Message, Does.Contain("MaxFrameSize"));
        AssertStillServed();
    }
}
