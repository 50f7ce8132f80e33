using Bhrpc.Metadata;
using Bhrpc.Server.Internal;

namespace Bhrpc.Tests.Server;

/// <summary>How a provider finds the method a request names: exact wire name, then ignoring case when unambiguous.</summary>
public sealed class ExportedServiceTests
{
    public interface IShop
    {
        string Hello(string name);

        string Describe(int value);

        string Describe(string value);

        string GetUrl(int id);

        string GetURL(int id);

        [PortableName("placeOrder")]
        string Order(string item);
    }

    [TestCase(MethodNaming.AsDeclared, "Hello", "Hello")]
    [TestCase(MethodNaming.AsDeclared, "hello", "Hello")]
    [TestCase(MethodNaming.AsDeclared, "HELLO", "Hello")]
    [TestCase(MethodNaming.CamelCase, "hello", "Hello")]
    [TestCase(MethodNaming.CamelCase, "Hello", "Hello")]
    [TestCase(MethodNaming.AsDeclared, "placeOrder", "Order")]
    [TestCase(MethodNaming.CamelCase, "placeOrder", "Order")]
    public void Resolve_NameInAnyCase_FindsTheOneMethod(MethodNaming naming, string requested, string method)
    {
        var resolved = Export(naming).Resolve(requested, ["java.lang.String"], out var ambiguous);

        Assert.That(resolved?.Method.Name, Is.EqualTo(method));
        Assert.That(ambiguous, Is.Null);
    }

    [TestCase("describe", "int", "Describe(int)")]
    [TestCase("describe", "java.lang.String", "Describe(java.lang.String)")]
    [TestCase("Describe", "int", "Describe(int)")]
    public void Resolve_JavaStyleNameOfAnOverload_ParameterTypesStillPickTheOverload(string requested, string type, string signature)
        => Assert.That(Export(MethodNaming.AsDeclared).Resolve(requested, [type], out _)?.Signature, Is.EqualTo(signature));

    [Test]
    public void Resolve_ExactNameAmongCaseVariants_IsThatMethod()
    {
        var service = Export(MethodNaming.AsDeclared);

        Assert.Multiple(() =>
        {
            Assert.That(service.Resolve("GetUrl", ["int"], out _)?.Signature, Is.EqualTo("GetUrl(int)"));
            Assert.That(service.Resolve("GetURL", ["int"], out _)?.Signature, Is.EqualTo("GetURL(int)"));
        });
    }

    [Test]
    public void Resolve_NameMatchingSeveralMethodsIgnoringCase_IsNotFoundAndListsTheCandidates()
    {
        var resolved = Export(MethodNaming.AsDeclared).Resolve("getUrl", ["int"], out var ambiguous);

        Assert.That(resolved, Is.Null);
        Assert.That(ambiguous, Is.EqualTo(new[] { "GetURL(int)", "GetUrl(int)" }));
    }

    [Test]
    public void Resolve_OtherCaseOfAnExplicitPortableName_IsNotFound()
    {
        // [PortableName] is a contract: only that exact name reaches the method.
        var resolved = Export(MethodNaming.AsDeclared).Resolve("PlaceOrder", ["java.lang.String"], out var ambiguous);

        Assert.That(resolved, Is.Null);
        Assert.That(ambiguous, Is.Null);
    }

    [Test]
    public void Resolve_SameNameOtherParameterTypes_IsNotFound()
        => Assert.That(Export(MethodNaming.AsDeclared).Resolve("hello", ["int"], out _), Is.Null);

    [Test]
    public void MethodList_CamelCase_ListsTheWireSignatures()
        => Assert.That(Export(MethodNaming.CamelCase).MethodList, Does.Contain("hello(java.lang.String)").And.Contain("placeOrder(java.lang.String)").And.Not.Contain("Hello("));

    private static ExportedService Export(MethodNaming naming)
    {
        var options = new ServiceOptions { ServiceType = typeof(IShop), Implementation = new Shop(), MethodNaming = naming };
        return new ExportedService(options, ServiceDescriptor.For(typeof(IShop)));
    }

    private sealed class Shop : IShop
    {
        public string Hello(string name) => name;

        public string Describe(int value) => "int";

        public string Describe(string value) => "string";

        public string GetUrl(int id) => "Url";

        public string GetURL(int id) => "URL";

        public string Order(string item) => item;
    }
}
