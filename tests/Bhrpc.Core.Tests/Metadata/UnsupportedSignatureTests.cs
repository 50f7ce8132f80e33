using Bhrpc.Tests.Infrastructure;

namespace Bhrpc.Tests.Metadata;

/// <summary>Signatures that cannot work are refused when the proxy is made or the service is exported, naming the method and the reason.</summary>
public sealed class UnsupportedSignatureTests
{
    public interface ITakesToken
    {
        Task<string> GetAsync(string key, CancellationToken cancellationToken);
    }

    public interface ITakesTwoTokens
    {
        Task<string> GetAsync(string key, CancellationToken first, CancellationToken second);
    }

    public interface ITakesNullableToken
    {
        Task<string> GetAsync(string key, CancellationToken? cancellationToken);
    }

    public interface IStreams
    {
        IAsyncEnumerable<int> CountAsync(int to);
    }

    public interface IStreamsInTask
    {
        Task<IAsyncEnumerable<int>> CountAsync(int to);
    }

    public interface ITakesStream
    {
        Task SumAsync(IAsyncEnumerable<int> values);
    }

    public interface IRefParameter
    {
        void Swap(ref int value);
    }

    public interface IGenericMethod
    {
        T Get<T>();
    }

    public interface IMixed
    {
        void Audit(string message);

        Task FlushAsync();

        ValueTask CloseAsync();

        int Count();

        Task<string> ReadAsync();

        ValueTask<long> SizeAsync();
    }

    public interface IFireAndForget
    {
        void Audit(string message);

        Task FlushAsync();

        ValueTask CloseAsync();
    }

    [TestCase(typeof(ITakesTwoTokens), "GetAsync", "parameter 'second' is a second CancellationToken", "at most one")]
    [TestCase(typeof(ITakesNullableToken), "GetAsync", "parameter 'cancellationToken' is a CancellationToken?", "plain CancellationToken")]
    [TestCase(typeof(IStreams), "CountAsync", "IAsyncEnumerable<T>", "streaming is not supported")]
    [TestCase(typeof(IStreamsInTask), "CountAsync", "IAsyncEnumerable<T>", "streaming is not supported")]
    [TestCase(typeof(ITakesStream), "SumAsync", "parameter 'values' is an IAsyncEnumerable<T>", "streaming is not supported")]
    [TestCase(typeof(IRefParameter), "Swap", "parameter 'value' is ref/out/in", "passed by value")]
    [TestCase(typeof(IGenericMethod), "Get", "is generic", "type parameters")]
    public Task CreateProxy_UnsupportedSignature_IsRefusedNamingInterfaceMethodAndReason(Type contract, string method, string what, string reason) => WithClientAsync(client =>
    {
        var error = Assert.Throws<RpcException>(() => client.CreateProxy(new ReferenceOptions { Interface = contract, DirectAddress = "127.0.0.1:1" }));

        Assert.That(error!.StatusCode, Is.EqualTo(RpcStatusCode.Configuration));
        Assert.That(error.Message, Does.Contain($"{contract.FullName}.{method}").And.Contain(what).And.Contain(reason));
    });

    [TestCase(typeof(ITakesTwoTokens), "GetAsync", "second CancellationToken")]
    [TestCase(typeof(IStreams), "CountAsync", "IAsyncEnumerable<T>")]
    [TestCase(typeof(ITakesStream), "SumAsync", "IAsyncEnumerable<T>")]
    public void Build_ExportingAnUnsupportedSignature_IsRefusedNamingInterfaceAndMethod(Type contract, string method, string what)
    {
        var builder = new RpcServerBuilder().Listen("127.0.0.1", 0).AddService(new ServiceOptions { ServiceType = contract, Implementation = new Anything() });

        var error = Assert.Throws<RpcException>(() => builder.Build());

        Assert.That(error!.StatusCode, Is.EqualTo(RpcStatusCode.Configuration));
        Assert.That(error.Message, Does.Contain($"{contract.FullName}.{method}").And.Contain(what));
    }

    [Test]
    public void Build_ExportingAMethodWithOneCancellationToken_IsAcceptedAndTheTokenIsNotOnTheWire()
    {
        var builder = new RpcServerBuilder().Listen("127.0.0.1", 0).AddService(new ServiceOptions { ServiceType = typeof(ITakesToken), Implementation = new Anything() });

        Assert.That(builder.Build, Throws.Nothing);
        var method = Bhrpc.Metadata.ServiceDescriptor.For(typeof(ITakesToken)).Methods.Values.Single();
        Assert.That(method.Signature, Is.EqualTo("GetAsync(java.lang.String)"));
        Assert.That(method.CancellationTokenIndex, Is.EqualTo(1));
    }

    [Test]
    public Task CreateProxy_OnewayWithValueReturningMethods_IsRefusedNamingThoseMethods() => WithClientAsync(client =>
    {
        var error = Assert.Throws<RpcException>(() => client.CreateProxy<IMixed>(r =>
        {
            r.DirectAddress = "127.0.0.1:1";
            r.Oneway = true;
        }));

        Assert.That(error!.StatusCode, Is.EqualTo(RpcStatusCode.Configuration));
        Assert.That(error.Message, Does.Contain(typeof(IMixed).FullName).And.Contain("Count, ReadAsync, SizeAsync")
            .And.Contain("a oneway call gets no response; make them void/Task/ValueTask or use a reference without Oneway"));
        Assert.That(error.Message, Does.Not.Contain("Audit").And.Not.Contain("FlushAsync").And.Not.Contain("CloseAsync"));
    });

    [Test]
    public Task CreateProxy_OnewayWithVoidTaskAndValueTaskMethods_IsAccepted() => WithClientAsync(client =>
        Assert.That(() => client.CreateProxy<IFireAndForget>(r =>
        {
            r.DirectAddress = "127.0.0.1:1";
            r.Oneway = true;
        }), Throws.Nothing));

    private static async Task WithClientAsync(Action<RpcClient> test)
    {
        var client = new RpcClient();
        try
        {
            test(client);
        }
        finally
        {
            await client.DisposeAsync().AsTask().WithTimeout();
        }
    }

    /// <summary>Implements the contracts above; never called (the export is refused, or only built, before any call).</summary>
    private sealed class Anything : ITakesToken, ITakesTwoTokens, IStreams, ITakesStream
    {
        public Task<string> GetAsync(string key, CancellationToken cancellationToken) => Task.FromResult(key);

        public Task<string> GetAsync(string key, CancellationToken first, CancellationToken second) => Task.FromResult(key);

        public async IAsyncEnumerable<int> CountAsync(int to)
        {
            for (var i = 0; i < to; i++)
            {
                await Task.Yield();
                yield return i;
            }
        }

        public Task SumAsync(IAsyncEnumerable<int> values) => Task.CompletedTask;
    }
}
