using System.Text;
using Bhrpc.Metadata;
using Bhrpc.Registry;
using Bhrpc.Registry.Local;
using Bhrpc.Tests.Infrastructure;

namespace Bhrpc.Tests.Server;

/// <summary>ServiceOptions.Methods (only a token method's Timeout applies on a service) and ServiceOptions.Tag (registered in the payload).</summary>
public sealed class ServiceSettingsTests
{
    public interface IStore
    {
        Task<string> FindAsync(string key, CancellationToken cancellationToken);

        Task<string> FindAsync(int id, CancellationToken cancellationToken);

        int Count();
    }

    private static IEnumerable<TestCaseData> ConsumerSettings()
    {
        yield return new TestCaseData(new MethodOptions { Name = "FindAsync", Retries = 1 }, "Retries").SetName("Validate_MethodRetries_IsRefusedAsAConsumerSetting");
        yield return new TestCaseData(new MethodOptions { Name = "FindAsync", Oneway = true }, "Oneway").SetName("Validate_MethodOneway_IsRefusedAsAConsumerSetting");
        yield return new TestCaseData(new MethodOptions { Name = "FindAsync", AttemptTimeout = TimeSpan.FromSeconds(1) }, "AttemptTimeout").SetName("Validate_MethodAttemptTimeout_IsRefusedAsAConsumerSetting");
        yield return new TestCaseData(new MethodOptions { Name = "FindAsync", Idempotent = true }, "Idempotent").SetName("Validate_MethodIdempotent_IsRefusedAsAConsumerSetting");
    }

    [TestCaseSource(nameof(ConsumerSettings))]
    public void Validate_ConsumerMethodSetting_IsRefusedSayingWhereItBelongs(MethodOptions method, string setting)
    {
        var error = Refused(s => s.Methods.Add(method));

        Assert.That(error.Message, Does.Contain($"method 'FindAsync': {setting} is a consumer setting").And.Contain("ReferenceOptions.Methods"));
    }

    [Test]
    public void Validate_MethodNameOfNoMethod_IsRefusedListingTheMethods()
    {
        var error = Refused(s => s.Methods.Add(new MethodOptions { Name = "Lookup", Timeout = TimeSpan.FromSeconds(1) }));

        Assert.That(error.Message, Does.Contain("method 'Lookup' matches no method").And.Contain("Count, FindAsync"));
    }

    [Test]
    public void Validate_TimeoutOnAMethodWithoutToken_IsRefused()
    {
        var error = Refused(s => s.Methods.Add(new MethodOptions { Name = "Count", Timeout = TimeSpan.FromSeconds(1) }));

        Assert.That(error.Message, Does.Contain("Count() takes none").And.Contain("add a CancellationToken parameter"));
    }

    [Test]
    public void Validate_EntryWithoutTimeout_IsRefusedAsSettingNothing()
    {
        var error = Refused(s => s.Methods.Add(new MethodOptions { Name = "FindAsync" }));

        Assert.That(error.Message, Does.Contain("sets nothing").And.Contain("only Timeout applies"));
    }

    [TestCase(0)]
    [TestCase(-1)]
    public void Validate_NonPositiveTimeout_IsRefused(int milliseconds)
    {
        var error = Refused(s => s.Methods.Add(new MethodOptions { Name = "FindAsync", Timeout = TimeSpan.FromMilliseconds(milliseconds) }));

        Assert.That(error.Message, Does.Contain("Timeout must be positive"));
    }

    [Test]
    public void Validate_TwoEntriesForOneMethod_IsRefused()
    {
        var error = Refused(s =>
        {
            s.Methods.Add(new MethodOptions { Name = "FindAsync", Timeout = TimeSpan.FromSeconds(1) });
            s.Methods.Add(new MethodOptions { Name = "findAsync", Timeout = TimeSpan.FromSeconds(2) });
        }, MethodNaming.CamelCase);

        Assert.That(error.Message, Does.Contain("FindAsync has a second entry"));
    }

    [TestCase("FindAsync", MethodNaming.AsDeclared)]
    [TestCase("findAsync", MethodNaming.CamelCase)]
    public void Validate_TimeoutOnATokenMethodByDeclaredOrWireName_IsAcceptedForEveryOverload(string name, MethodNaming naming)
    {
        var options = Options(naming);
        options.Methods.Add(new MethodOptions { Name = name, Timeout = TimeSpan.FromSeconds(1) });

        Assert.That(options.Validate, Throws.Nothing);
    }

    [TestCase("")]
    [TestCase(" ")]
    [TestCase(" gray")]
    public void Validate_BlankOrPaddedTag_IsRefused(string tag)
    {
        var error = Refused(s => s.Tag = tag);

        Assert.That(error.Message, Does.Contain("ServiceOptions.Tag").And.Contain("expected a tag"));
    }

    [Test]
    public async Task Start_Tag_IsRegisteredInThePayload()
    {
        using var registry = new TempFolder();
        await using var server = await new RpcServerBuilder()
            .Listen("127.0.0.1", 0)
            .UseRegistry("local", registry.Path)
            .AddService<IStore>(new Store(), s => s.Tag = "gray")
            .StartAsync()
            .WithTimeout();

        Assert.That(server.Registrations.Single().Tag, Is.EqualTo("gray"));
        var file = Directory.GetFiles(registry.Path, "*.json", SearchOption.AllDirectories).Single();
        Assert.That(Encoding.UTF8.GetString(await File.ReadAllBytesAsync(file)), Does.Contain("\"weight\":1,\"tag\":\"gray\"}"));

        await using var registryReader = new LocalRegistryFactory().Create(new RegistryOptions { Type = "local", Address = registry.Path });
        var found = await registryReader.DiscoverAsync(server.Registrations.Single().ServiceKey).WithTimeout();
        Assert.That(found.Single().Tag, Is.EqualTo("gray"));
    }

    private static ServiceOptions Options(MethodNaming naming = MethodNaming.AsDeclared)
        => new() { ServiceType = typeof(IStore), Implementation = new Store(), MethodNaming = naming };

    private static RpcException Refused(Action<ServiceOptions> configure, MethodNaming naming = MethodNaming.AsDeclared)
    {
        var options = Options(naming);
        configure(options);
        var error = Assert.Throws<RpcException>(options.Validate)!;
        Assert.That(error.StatusCode, Is.EqualTo(RpcStatusCode.Configuration));
        return error;
    }

    private sealed class Store : IStore
    {
        public Task<string> FindAsync(string key, CancellationToken cancellationToken) => Task.FromResult(key);

        public Task<string> FindAsync(int id, CancellationToken cancellationToken) => Task.FromResult(id.ToString(System.Globalization.CultureInfo.InvariantCulture));

        public int Count() => 0;
    }
}
