using Bhrpc.Metadata;

namespace Bhrpc.Tests.Metadata;

/// <summary>The wire name of a method: declared, camel-cased, or given by <see cref="PortableNameAttribute"/>.</summary>
public sealed class MethodNamingTests
{
    public interface INames
    {
        string Hello(string name);

        string GetURL(int id);

        void IOStream();

        void already();

        [PortableName("sayHi")]
        string Greet(string name);
    }

    public interface ICaseClash
    {
        void Hello();

        void hello();
    }

    /// <summary>The README's interop example.</summary>
    public interface IGreeterService
    {
        string Hello(string name);

        [PortableName("add")]
        Task<int> AddAsync(int a, int b);

        [PortableName("sayHi")]
        string Greet(string name);
    }

    public interface ISyncAndAsync
    {
        int Add(int a, int b);

        [PortableName("add")]
        Task<int> AddAsync(int a, int b);
    }

    public interface IBadPortableName
    {
        [PortableName("say hi")]
        void Greet();
    }

    [TestCase(nameof(INames.Hello), "Hello", "hello")]
    [TestCase(nameof(INames.GetURL), "GetURL", "getURL")]
    [TestCase(nameof(INames.IOStream), "IOStream", "iOStream")]
    [TestCase(nameof(INames.already), "already", "already")]
    [TestCase(nameof(INames.Greet), "sayHi", "sayHi")]
    public void NameFor_EachNaming_FirstCharacterLowerCasedAndPortableNameWins(string method, string asDeclared, string camelCase)
    {
        var descriptor = ServiceDescriptor.For(typeof(INames)).ByMethod[typeof(INames).GetMethod(method)!];

        Assert.Multiple(() =>
        {
            Assert.That(descriptor.NameFor(MethodNaming.AsDeclared), Is.EqualTo(asDeclared));
            Assert.That(descriptor.NameFor(MethodNaming.CamelCase), Is.EqualTo(camelCase));
            Assert.That(descriptor.HasExplicitName, Is.EqualTo(method == nameof(INames.Greet)));
        });
    }

    [Test]
    public void SignatureFor_CamelCase_UsesTheCamelCasedName()
    {
        var descriptor = ServiceDescriptor.For(typeof(INames)).ByMethod[typeof(INames).GetMethod(nameof(INames.Hello))!];

        Assert.Multiple(() =>
        {
            Assert.That(descriptor.SignatureFor(MethodNaming.AsDeclared), Is.EqualTo("Hello(java.lang.String)"));
            Assert.That(descriptor.SignatureFor(MethodNaming.CamelCase), Is.EqualTo("hello(java.lang.String)"));
            Assert.That(ServiceDescriptor.For(typeof(INames)).Methods, Does.ContainKey("sayHi(java.lang.String)"), "a portable name is the method's signature");
        });
    }

    [Test]
    public void CreateProxy_CamelCaseOnMethodsThatDifferOnlyInTheFirstLetter_IsRefusedNamingBoth()
    {
        var options = new ReferenceOptions { Interface = typeof(ICaseClash), DirectAddress = "127.0.0.1:1", MethodNaming = MethodNaming.CamelCase };

        var error = Assert.Throws<RpcException>(options.Validate);

        Assert.That(error!.StatusCode, Is.EqualTo(RpcStatusCode.Configuration));
        Assert.That(error.Message, Does.Contain("ReferenceOptions.MethodNaming").And.Contain(typeof(ICaseClash).FullName).And.Contain("hello()").And.Contain("Hello and hello"));
        Assert.That(() => new ReferenceOptions { Interface = typeof(ICaseClash), DirectAddress = "127.0.0.1:1" }.Validate(), Throws.Nothing, "AsDeclared keeps them apart");
    }

    [Test]
    public void Validate_ReadmeInteropContractUnderCamelCase_SendsTheJavaNames()
    {
        var options = new ReferenceOptions { Interface = typeof(IGreeterService), DirectAddress = "127.0.0.1:1", MethodNaming = MethodNaming.CamelCase };

        Assert.That(options.Validate, Throws.Nothing);
        Assert.That(
            ServiceDescriptor.For(typeof(IGreeterService)).Methods.Values.Select(m => m.SignatureFor(MethodNaming.CamelCase)),
            Is.EquivalentTo(new[] { "hello(java.lang.String)", "add(int,int)", "sayHi(java.lang.String)" }));
    }

    [Test]
    public void Validate_SyncAndPortablyNamedAsyncVariantUnderCamelCase_IsRefusedNamingBoth()
    {
        var options = new ServiceOptions { ServiceType = typeof(ISyncAndAsync), Implementation = new SyncAndAsync(), MethodNaming = MethodNaming.CamelCase };

        var error = Assert.Throws<RpcException>(options.Validate);

        Assert.That(error!.Message, Does.Contain("ServiceOptions.MethodNaming").And.Contain("Add and AddAsync").And.Contain("add(int,int)"));
    }

    [Test]
    public void Validate_UndefinedMethodNaming_IsRefusedNamingTheSettingAndTheValues()
    {
        var options = new ServiceOptions { ServiceType = typeof(INames), Implementation = new Names(), MethodNaming = (MethodNaming)9 };

        var error = Assert.Throws<RpcException>(options.Validate);

        Assert.That(error!.Message, Does.Contain("ServiceOptions.MethodNaming").And.Contain("9").And.Contain("AsDeclared or CamelCase"));
    }

    [Test]
    public void Describe_PortableNameWithASpace_IsRefusedNamingTheMethod()
    {
        var error = Assert.Throws<RpcException>(() => ServiceDescriptor.For(typeof(IBadPortableName)));

        Assert.That(error!.StatusCode, Is.EqualTo(RpcStatusCode.Configuration));
        Assert.That(error.Message, Does.Contain($"{typeof(IBadPortableName).FullName}.Greet").And.Contain("say hi").And.Contain("not a method name"));
    }

    private sealed class SyncAndAsync : ISyncAndAsync
    {
        public int Add(int a, int b) => a + b;

        public Task<int> AddAsync(int a, int b) => Task.FromResult(a + b);
    }

    private sealed class Names : INames
    {
        public string Hello(string name) => name;

        public string GetURL(int id) => string.Empty;

        public void IOStream()
        {
        }

        public void already()
        {
        }

        public string Greet(string name) => name;
    }
}
