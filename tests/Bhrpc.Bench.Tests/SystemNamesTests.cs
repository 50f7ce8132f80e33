using Bhrpc.Bench.Scenarios;
using Bhrpc.Bench.Systems;

namespace Bhrpc.Bench.Tests;

/// <summary>The systems and scenarios the bench's command line accepts.</summary>
public sealed class SystemNamesTests
{
    [TestCase("bhrpc-json", "json", "Defaults")]
    [TestCase("bhrpc-json+failfast", "json", "Failfast")]
    [TestCase("bhrpc-msgpack+2filters", "msgpack", "TwoFilters")]
    public void BhrpcName_GivesTheSerializerAndThePath(string name, string serializer, string path)
    {
        var variant = Enum.Parse<BhrpcVariant>(path);
        Assert.That(SystemCatalog.ParseNames(name), Is.EqualTo(new[] { name }));
        Assert.That(SystemCatalog.SerializerOf(name), Is.EqualTo(serializer));
        Assert.That(SystemCatalog.VariantOf(name), Is.EqualTo(variant));
    }

    [TestCase("bhrpc-json+fast")]
    [TestCase("bhrpc-")]
    [TestCase("thrift")]
    public void UnknownName_IsRefusedListingTheForms(string name)
    {
        var error = Assert.Throws<ArgumentException>(() => SystemCatalog.ParseNames(name))!;

        Assert.That(error.Message, Does.Contain($"'{name}'").And.Contain("+failfast").And.Contain("grpc"));
    }

    [Test]
    public void DefaultSystems_HoldEveryReferenceAndBothPipelineVariants()
    {
        Assert.That(SystemCatalog.DefaultNames, Is.SupersetOf(new[]
        {
            SystemCatalog.Raw, SystemCatalog.DotNettyRaw, SystemCatalog.Http1, SystemCatalog.Http2, SystemCatalog.Grpc,
            SystemCatalog.StreamJsonRpc, "bhrpc-json+failfast", "bhrpc-json", "bhrpc-json+2filters",
        }));
    }

    [Test]
    public void S6_IsRunOnlyByBhrpcSystems()
    {
        var s6 = ScenarioCatalog.Select("S6").Single();

        Assert.That(SystemCatalog.Create("bhrpc-json").Runs(s6), Is.True);
        Assert.That(SystemCatalog.Create(SystemCatalog.Grpc).Runs(s6), Is.False);
        Assert.That(SystemCatalog.Create(SystemCatalog.Raw).Runs(s6), Is.False);
    }
}
