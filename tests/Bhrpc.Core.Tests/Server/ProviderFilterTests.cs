using Bhrpc.Extensions;
using Bhrpc.Invocation;
using Bhrpc.Protocol;
using Bhrpc.Tests.EndToEnd;
using Bhrpc.Tests.Infrastructure;

namespace Bhrpc.Tests.Server;

/// <summary>The provider filter chain: filters see the request's attachments, set response ones, and may answer themselves.</summary>
public sealed class ProviderFilterTests
{
    [Test]
    public async Task Call_ServerFilter_SeesRequestAttachmentsAndSetsResponseAttachmentsOnTheWire()
    {
        var filter = new StampFilter();
        using var registry = new TempFolder();
        await using var server = await StartAsync(registry, filter, "stamp");
        await using var raw = await RawConnection.ConnectAsync(server.Port);

        var request = new RpcRequest
        {
            ClassName = typeof(ICalculator).FullName!,
            MethodName = "Add",
            ParameterTypes = ["int", "int"],
            Parameters = [20, 22],
            Attachments = new Dictionary<string, string> { ["trace"] = "t-1" },
        };
        await raw.SendAsync(RawConnection.RequestFrame(1, request));
        var response = await raw.ReadResponseAsync();

        Assert.That(response?.Header.Status, Is.EqualTo(RpcHeader.StatusSuccess), () => RawConnection.Decode(response!.Value.Body).Error ?? string.Empty);
        var decoded = RawConnection.Decode(response!.Value.Body);
        Assert.That(decoded.ReadResult(typeof(int)), Is.EqualTo(42));
        Assert.That(decoded.Attachments, Is.Not.Null.And.ContainKey("stamped").WithValue("t-1"));
        Assert.That(filter.Seen, Is.EqualTo("ICalculator Add at 127.0.0.1"));
    }

    [Test]
    public async Task Call_ServerFilterThatAnswersWithRpcException_IsAFailureResponseWithTheStatus()
    {
        using var registry = new TempFolder();
        await using var server = await StartAsync(registry, new StampFilter(), "stamp", "refuse");
        await using var raw = await RawConnection.ConnectAsync(server.Port);

        await raw.SendAsync(RawConnection.RequestFrame(1, RawConnection.Request("Add", ["int", "int"], [1, 2])));
        var response = await raw.ReadResponseAsync();

        Assert.That(response?.Header.Status, Is.EqualTo(RpcHeader.StatusFailure));
        var decoded = RawConnection.Decode(response!.Value.Body);
        Assert.That(decoded.ErrorType, Is.EqualTo(ErrorTypes.For(RpcStatusCode.Unauthorized)));
        Assert.That(decoded.Error, Is.EqualTo("no token"));
    }

    [TestCase(false)]
    [TestCase(true)]
    public async Task Call_ServiceThrowsRpcException_IsARemoteErrorWithItsTypeNotItsStatus(bool throughAFilter)
    {
        // A service's own RpcException (here: its downstream has no provider) says nothing about this call's
        // delivery; sent as its status, NoProvider would make the consumer's failover resend a call that ran.
        using var registry = new TempFolder();
        var extensions = new ExtensionLoader(new ExtensionLoaderOptions()).Register<IRpcFilter>("stamp", () => new StampFilter());
        await using var server = await new RpcServerBuilder()
            .Listen("127.0.0.1", 0)
            .UseRegistry("local", registry.Path)
            .Configure(o =>
            {
                o.Extensions = extensions;
                if (throughAFilter)
                {
                    o.Filters.Add("stamp");
                }
            })
            .AddService<IForwarder>(new Forwarder())
            .StartAsync()
            .WithTimeout();
        await using var raw = await RawConnection.ConnectAsync(server.Port);

        await raw.SendAsync(RawConnection.RequestFrame(1, new RpcRequest { ClassName = typeof(IForwarder).FullName!, MethodName = nameof(IForwarder.Forward), ParameterTypes = [], Parameters = [] }));
        var response = await raw.ReadResponseAsync();

        var decoded = RawConnection.Decode(response!.Value.Body);
        Assert.That(decoded.ErrorType, Is.EqualTo(typeof(RpcException).FullName));
        Assert.That(decoded.Error, Does.Contain("downstream has no provider"));
    }

    private static Task<RpcServer> StartAsync(TempFolder registry, StampFilter stamp, params string[] filters)
    {
        var extensions = new ExtensionLoader(new ExtensionLoaderOptions())
            .Register<IRpcFilter>("stamp", () => stamp)
            .Register<IRpcFilter>("refuse", () => new RefuseFilter());
        return new RpcServerBuilder()
            .Listen("127.0.0.1", 0)
            .UseRegistry("local", registry.Path)
            .Configure(o =>
            {
                o.Extensions = extensions;
                foreach (var name in filters)
                {
                    o.Filters.Add(name);
                }
            })
            .AddService<ICalculator>(new Calculator())
            .StartAsync()
            .WithTimeout();
    }

    private sealed class StampFilter : IRpcFilter
    {
        public string? Seen { get; private set; }

        public async ValueTask<RpcResult> InvokeAsync(RpcInvocation invocation, RpcInvocationDelegate next)
        {
            Seen = $"{invocation.ServiceKey.Split('#')[0].Split('.')[^1]} {invocation.MethodName} at {invocation.RemoteAddress?.Split(':')[0]}";
            var result = await next(invocation).ConfigureAwait(false);
            if (invocation.HasAttachments && invocation.Attachments.TryGetValue("trace", out var trace))
            {
                invocation.ResponseAttachments["stamped"] = trace;
            }

            return result;
        }
    }

    private sealed class RefuseFilter : IRpcFilter
    {
        public ValueTask<RpcResult> InvokeAsync(RpcInvocation invocation, RpcInvocationDelegate next)
            => ValueTask.FromResult(RpcResult.FromException(new RpcException(RpcStatusCode.Unauthorized, "no token")));
    }

    private sealed class Forwarder : IForwarder
    {
        public string Forward() => throw new RpcException(RpcStatusCode.NoProvider, "downstream has no provider");
    }
}

/// <summary>A service that calls another one.</summary>
public interface IForwarder
{
    string Forward();
}
