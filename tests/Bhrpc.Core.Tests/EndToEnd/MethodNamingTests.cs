using Bhrpc.Metadata;
using Bhrpc.Protocol;
using Bhrpc.Tests.Infrastructure;

namespace Bhrpc.Tests.EndToEnd;

/// <summary>
/// Method names across the Java/.NET convention gap over loopback: a camel-casing .NET consumer calls a provider whose
/// methods are named as Java names them, and a PascalCase .NET provider answers Java-style names.
/// </summary>
public sealed class MethodNamingTests
{
    [Test]
    public async Task CamelCaseReference_CallsAProviderWithJavaMethodNames()
    {
        await using var java = await JavaStyleProvider.StartAsync();
        var greeter = java.Proxy<IGreeterClientWithPortableName>(r => r.MethodNaming = MethodNaming.CamelCase);

        Assert.That(greeter.Hello("bhrpc"), Is.EqualTo("hello bhrpc"), "Hello goes on the wire as hello");
        Assert.That(await greeter.AddAsync(2, 3).WithTimeout(), Is.EqualTo(5), "[PortableName(\"add\")] wins over camel-casing AddAsync");
    }

    [Test]
    public async Task AsDeclaredReference_ToAProviderWithJavaMethodNames_FailsWithMethodNotFound()
    {
        await using var java = await JavaStyleProvider.StartAsync();
        var greeter = java.Proxy<IGreeterClient>();

        var error = Assert.Throws<RpcException>(() => greeter.Hello("bhrpc"));

        Assert.That(error!.StatusCode, Is.EqualTo(RpcStatusCode.MethodNotFound));
        Assert.That(error.Message, Does.Contain("Hello(java.lang.String)").And.Contain("hello(java.lang.String)"));
    }

    [Test]
    public async Task CamelCaseReference_MethodWithoutAJavaCounterpart_FailsNamingTheWireName()
    {
        await using var java = await JavaStyleProvider.StartAsync();
        var greeter = java.Proxy<IGreeterClient>(r => r.MethodNaming = MethodNaming.CamelCase);

        var error = Assert.ThrowsAsync<RpcException>(() => greeter.AddAsync(1, 2).WithTimeout());

        Assert.That(error!.StatusCode, Is.EqualTo(RpcStatusCode.MethodNotFound));
        Assert.That(error.Message, Does.Contain("addAsync(int,int)"));
    }

    [Test]
    public async Task JavaStyleRequest_ToAPascalCaseProvider_CallsTheMethod()
    {
        await using var harness = await Harness.StartAsync();
        await using var raw = await RawConnection.ConnectAsync(harness.Server.Port);

        await raw.SendAsync(RawConnection.RequestFrame(1, RawConnection.Request("add", ["int", "int"], [20, 22])));
        var response = await raw.ReadResponseAsync();

        Assert.That(response?.Header.Status, Is.EqualTo(RpcHeader.StatusSuccess), () => RawConnection.Decode(response!.Value.Body).Error ?? string.Empty);
        Assert.That(RawConnection.Decode(response!.Value.Body).ReadResult(typeof(int)), Is.EqualTo(42));
    }

    [TestCase("int", 7, "int 7")]
    [TestCase("java.lang.String", "x", "string x")]
    public async Task JavaStyleRequest_ToAnOverload_ParameterTypesPickTheOverload(string type, object argument, string expected)
    {
        await using var harness = await Harness.StartAsync();
        await using var raw = await RawConnection.ConnectAsync(harness.Server.Port);

        await raw.SendAsync(RawConnection.RequestFrame(1, RawConnection.Request("describe", [type], [argument])));
        var response = await raw.ReadResponseAsync();

        Assert.That(RawConnection.Decode(response!.Value.Body).ReadResult(typeof(string)), Is.EqualTo(expected));
    }

    [Test]
    public async Task CamelCaseReference_ToAPascalCaseProvider_IsAnswered()
    {
        await using var harness = await Harness.StartAsync();
        var calculator = harness.Proxy(r => r.MethodNaming = MethodNaming.CamelCase);

        Assert.That(calculator.Add(1, 2), Is.EqualTo(3));
        Assert.That(await calculator.AddAsync(3, 4).WithTimeout(), Is.EqualTo(7));
    }

    [Test]
    public async Task CamelCaseService_AnswersJavaNamesExactlyAndDotNetNamesToo()
    {
        await using var provider = await JavaStyleProvider.StartAsync(new ServiceOptions
        {
            ServiceType = typeof(ICalculator),
            Implementation = new Calculator(),
            MethodNaming = MethodNaming.CamelCase,
        });
        await using var raw = await RawConnection.ConnectAsync(provider.Port);

        await raw.SendAsync(RawConnection.RequestFrame(1, RawConnection.Request("echo", ["java.lang.String"], ["camel"])));
        var response = await raw.ReadResponseAsync();

        Assert.That(RawConnection.Decode(response!.Value.Body).ReadResult(typeof(string)), Is.EqualTo("camel"));
        Assert.That(provider.Proxy<ICalculator>(r => r.ServiceName = typeof(ICalculator).FullName).Add(5, 6), Is.EqualTo(11), "an AsDeclared .NET consumer sends Add");
    }

    [Test]
    public async Task Request_MatchingSeveralMethodsIgnoringCase_FailsListingTheCandidates()
    {
        await using var provider = await JavaStyleProvider.StartAsync(new ServiceOptions { ServiceType = typeof(ICaseVariants), Implementation = new CaseVariants() });
        await using var raw = await RawConnection.ConnectAsync(provider.Port);
        var request = new RpcRequest { ClassName = typeof(ICaseVariants).FullName!, MethodName = "getUrl", ParameterTypes = ["int"], Parameters = [1] };

        await raw.SendAsync(RawConnection.RequestFrame(1, request));
        var response = RawConnection.Decode((await raw.ReadResponseAsync())!.Value.Body);

        Assert.That(response.ErrorType, Is.EqualTo("Bhrpc.RpcException:MethodNotFound"));
        Assert.That(response.Error, Does.Contain("getUrl(int)").And.Contain("GetURL(int), GetUrl(int)").And.Contain("call one by its exact name"));
    }

    /// <summary>A provider of <see cref="IJavaStyleGreeter"/> (under its Java service name) and of any further services, with a client.</summary>
    private sealed class JavaStyleProvider : IAsyncDisposable
    {
        private readonly TempFolder _registry;
        private readonly RpcServer _server;
        private readonly RpcClient _client = new();

        private JavaStyleProvider(TempFolder registry, RpcServer server)
        {
            _registry = registry;
            _server = server;
        }

        public int Port => _server.Port;

        public static async Task<JavaStyleProvider> StartAsync(params ServiceOptions[] more)
        {
            var registry = new TempFolder();
            var builder = new RpcServerBuilder()
                .Listen("127.0.0.1", 0)
                .UseRegistry("local", registry.Path)
                .AddService<IJavaStyleGreeter>(new JavaStyleGreeter(), s => s.ServiceName = IJavaStyleGreeter.ServiceName);
            foreach (var service in more)
            {
                builder.AddService(service);
            }

            return new JavaStyleProvider(registry, await builder.StartAsync().WithTimeout());
        }

        /// <summary>A proxy of <typeparamref name="T"/> for the Java service name, connected directly.</summary>
        public T Proxy<T>(Action<ReferenceOptions>? configure = null)
            where T : class
            => _client.CreateProxy<T>(r =>
            {
                r.ServiceName = IJavaStyleGreeter.ServiceName;
                r.DirectAddress = $"127.0.0.1:{_server.Port}";
                configure?.Invoke(r);
            });

        public async ValueTask DisposeAsync()
        {
            await _client.DisposeAsync().AsTask().WithTimeout();
            await _server.DisposeAsync().AsTask().WithTimeout();
            _registry.Dispose();
        }
    }
}
