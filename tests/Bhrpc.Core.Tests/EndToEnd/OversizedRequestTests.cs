using Bhrpc.Tests.Infrastructure;

namespace Bhrpc.Tests.EndToEnd;

/// <summary>
/// A consumer whose MaxFrameSize is larger than the provider's sends one argument over the provider's
/// limit: that call alone fails with FrameTooLarge naming both limits, and the calls in flight on the
/// same connection are untouched. A length over 4 × the provider's limit still closes the connection.
/// </summary>
public sealed class OversizedRequestTests
{
    private const int ServerLimit = 64 * 1024;
    private const int ClientLimit = 64 * 1024 * 1024;
    private Harness _harness = null!;

    [SetUp]
    public async Task SetUp() => _harness = await Harness.StartAsync(server: s => s.MaxFrameSize = ServerLimit, client: c => c.MaxFrameSize = ClientLimit);

    [TearDown]
    public async Task TearDown() => await _harness.DisposeAsync();

    [Test]
    public async Task ArgumentOverTheServerLimit_FailsThatCallWithFrameTooLarge_And200CallsOnTheSameConnectionSucceed()
    {
        var proxy = _harness.Proxy();
        Assert.That(await proxy.AddAsync(1, 1).WithTimeout(), Is.EqualTo(2), "connected");
        Assert.That(_harness.Server.ConnectionCount, Is.EqualTo(1));

        // 200 KiB: over the provider's 64 KiB, within 4 × it, far within the consumer's 64 MiB.
        var oversized = proxy.EchoValueAsync(new string('x', 200 * 1024)).AsTask();
        var others = Enumerable.Range(0, 200).Select(i => proxy.AddAsync(i, 1)).ToList();

        var error = Assert.ThrowsAsync<RpcException>(() => oversized.WithTimeout());
        var sums = await Task.WhenAll(others).WithTimeout();

        Assert.Multiple(() =>
        {
            Assert.That(error!.StatusCode, Is.EqualTo(RpcStatusCode.FrameTooLarge));
            Assert.That(error.Message, Does.Contain($"limit of {ServerLimit} bytes (ServerOptions.MaxFrameSize"));
            Assert.That(error.Message, Does.Contain($"This consumer's limit is {ClientLimit} bytes (ClientOptions.MaxFrameSize)"));
            Assert.That(error.Message, Does.Contain("EchoValueAsync"), "the message names the call");
            Assert.That(sums, Is.EqualTo(Enumerable.Range(0, 200).Select(i => i + 1)));
            Assert.That(_harness.Server.ConnectionCount, Is.EqualTo(1), "the connection was kept");
        });
        Assert.That(await proxy.AddAsync(20, 22).WithTimeout(), Is.EqualTo(42), "and keeps serving");
    }

    [Test]
    public async Task ArgumentOverFourTimesTheServerLimit_ClosesTheConnectionAndTheNextCallReconnects()
    {
        var proxy = _harness.Proxy();
        Assert.That(await proxy.AddAsync(1, 1).WithTimeout(), Is.EqualTo(2), "connected");

        var error = Assert.ThrowsAsync<RpcException>(() => proxy.EchoValueAsync(new string('x', (4 * ServerLimit) + 1024)).AsTask().WithTimeout());

        Assert.That(error!.StatusCode, Is.EqualTo(RpcStatusCode.ConnectionClosed));
        Assert.That(await proxy.AddAsync(40, 2).WithTimeout(), Is.EqualTo(42));
    }
}
