using System.Diagnostics;
using Bhrpc.Extensions;
using Bhrpc.Invocation;
using Bhrpc.Protocol;
using Bhrpc.Tests.Infrastructure;

namespace Bhrpc.Tests.Server;

/// <summary>A provider method's CancellationToken fires at the caller's deadline, at the service's timeout, or when the connection closes.</summary>
public sealed class ProviderTokenTests
{
    private static readonly TimeSpan s_responseWait = TimeSpan.FromSeconds(5);

    public interface IWaiter
    {
        /// <summary>Returns at once for "now"; else waits until its token fires.</summary>
        Task<string> WaitAsync(string name, CancellationToken cancellationToken);
    }

    [Test]
    public async Task Call_TimeoutAttachment_TokenFiresAtTheCallersDeadline()
    {
        var waiter = new Waiter();
        using var registry = new TempFolder();
        await using var server = await StartAsync(registry, waiter);
        await using var raw = await RawConnection.ConnectAsync(server.Port);

        var watch = Stopwatch.StartNew();
        await raw.SendAsync(RawConnection.RequestFrame(1, Request("late", timeout: "200")));
        var response = await raw.ReadResponseAsync(s_responseWait);
        watch.Stop();

        Assert.That(response, Is.Not.Null);
        var decoded = RawConnection.Decode(response!.Value.Body);
        Assert.Multiple(() =>
        {
            Assert.That(response.Value.Header.Status, Is.EqualTo(RpcHeader.StatusFailure));
            Assert.That(decoded.ErrorType, Is.EqualTo(ErrorTypes.For(RpcStatusCode.Timeout)));
            Assert.That(decoded.Error, Does.Contain("the caller's deadline (200 ms after the request arrived) passed"));
            Assert.That(watch.Elapsed, Is.GreaterThanOrEqualTo(TimeSpan.FromMilliseconds(180)).And.LessThan(TimeSpan.FromSeconds(3)));
        });
    }

    [Test]
    public async Task Call_FinishesBeforeTheDeadline_AnswersTheValue()
    {
        using var registry = new TempFolder();
        await using var server = await StartAsync(registry, new Waiter());
        await using var raw = await RawConnection.ConnectAsync(server.Port);

        await raw.SendAsync(RawConnection.RequestFrame(1, Request("now", timeout: "5000")));
        var response = await raw.ReadResponseAsync(s_responseWait);

        Assert.That(response?.Header.Status, Is.EqualTo(RpcHeader.StatusSuccess), () => RawConnection.Decode(response!.Value.Body).Error ?? "closed");
        Assert.That(RawConnection.Decode(response!.Value.Body).ReadResult(typeof(string)), Is.EqualTo("now"));
    }

    [Test]
    public async Task Call_ConnectionCloses_TokenFires()
    {
        var waiter = new Waiter();
        using var registry = new TempFolder();
        await using var server = await StartAsync(registry, waiter);
        var raw = await RawConnection.ConnectAsync(server.Port);
        await raw.SendAsync(RawConnection.RequestFrame(1, Request("late")));
        var token = await waiter.Started.Task.WithTimeout();
        Assert.That(token.CanBeCanceled, Is.True, "the method gets a token it can observe");

        await raw.DisposeAsync();

        Assert.That(await waiter.Cancelled.Task.WithTimeout(), Is.True);
    }

    [Test]
    public async Task Call_ServiceMethodTimeout_TokenFiresAndTheCallerGetsTimeout()
    {
        using var registry = new TempFolder();
        await using var server = await StartAsync(registry, new Waiter(), s => s.Methods.Add(new MethodOptions { Name = "WaitAsync", Timeout = TimeSpan.FromMilliseconds(200) }));
        await using var raw = await RawConnection.ConnectAsync(server.Port);

        // The caller would wait 60 s: the service's 200 ms come first.
        await raw.SendAsync(RawConnection.RequestFrame(1, Request("late", timeout: "60000")));
        var response = await raw.ReadResponseAsync(s_responseWait);

        Assert.That(response, Is.Not.Null);
        var decoded = RawConnection.Decode(response!.Value.Body);
        Assert.That(decoded.ErrorType, Is.EqualTo(ErrorTypes.For(RpcStatusCode.Timeout)));
        Assert.That(decoded.Error, Does.Contain("service timeout of 200 ms (ServiceOptions.Methods)"));
    }

    [Test]
    public async Task Call_ThroughAProviderFilter_TheFilterAndTheMethodSeeTheToken()
    {
        var filter = new TokenFilter();
        using var registry = new TempFolder();
        await using var server = await StartAsync(registry, new Waiter(), configureServer: o =>
        {
            o.Extensions = new ExtensionLoader(new ExtensionLoaderOptions()).Register<IRpcFilter>("token", () => filter);
            o.Filters.Add("token");
        });
        await using var raw = await RawConnection.ConnectAsync(server.Port);

        await raw.SendAsync(RawConnection.RequestFrame(1, Request("late", timeout: "200")));
        var response = await raw.ReadResponseAsync(s_responseWait);

        Assert.That(response, Is.Not.Null);
        Assert.That(RawConnection.Decode(response!.Value.Body).ErrorType, Is.EqualTo(ErrorTypes.For(RpcStatusCode.Timeout)));
        Assert.That(filter.SawCancellableToken, Is.True);
    }

    [TestCase("soon")]
    [TestCase("-5")]
    [TestCase("1.5")]
    public async Task Call_TimeoutAttachmentNotMilliseconds_IsRefusedWithProtocolError(string timeout)
    {
        var waiter = new Waiter();
        using var registry = new TempFolder();
        await using var server = await StartAsync(registry, waiter);
        await using var raw = await RawConnection.ConnectAsync(server.Port);

        await raw.SendAsync(RawConnection.RequestFrame(1, Request("now", timeout)));
        var response = await raw.ReadResponseAsync(s_responseWait);

        var decoded = RawConnection.Decode(response!.Value.Body);
        Assert.That(decoded.ErrorType, Is.EqualTo(ErrorTypes.For(RpcStatusCode.ProtocolError)));
        Assert.That(decoded.Error, Does.Contain($"'timeout' = '{timeout}'").And.Contain("non-negative integer"));
        Assert.That(waiter.Started.Task.IsCompleted, Is.False, "the method was not called");
    }

    private static RpcRequest Request(string name, string? timeout = null) => new()
    {
        ClassName = typeof(IWaiter).FullName!,
        MethodName = "WaitAsync",
        ParameterTypes = ["java.lang.String"],
        Parameters = [name],
        Attachments = timeout is null ? null : new Dictionary<string, string> { [AttachmentKeys.Timeout] = timeout },
    };

    private static async Task<RpcServer> StartAsync(TempFolder folder, Waiter waiter, Action<ServiceOptions>? configure = null, Action<ServerOptions>? configureServer = null)
    {
        var builder = new RpcServerBuilder()
            .Listen("127.0.0.1", 0)
            .UseRegistry("local", folder.Path)
            .AddService<IWaiter>(waiter, configure);
        if (configureServer is not null)
        {
            builder.Configure(configureServer);
        }

        return await builder.StartAsync().WithTimeout();
    }

    private sealed class Waiter : IWaiter
    {
        public TaskCompletionSource<CancellationToken> Started { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public TaskCompletionSource<bool> Cancelled { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public async Task<string> WaitAsync(string name, CancellationToken cancellationToken)
        {
            Started.TrySetResult(cancellationToken);
            if (name == "now")
            {
                return name;
            }

            using var registration = cancellationToken.Register(() => Cancelled.TrySetResult(true));

            // Bounded: a token that never fires fails the test through its own timeout, not by hanging.
            await Task.Delay(TimeSpan.FromSeconds(30), cancellationToken);
            return name;
        }
    }

    private sealed class TokenFilter : IRpcFilter
    {
        public bool SawCancellableToken { get; private set; }

        public ValueTask<RpcResult> InvokeAsync(RpcInvocation invocation, RpcInvocationDelegate next)
        {
            SawCancellableToken = invocation.CancellationToken.CanBeCanceled;
            return next(invocation);
        }
    }
}
