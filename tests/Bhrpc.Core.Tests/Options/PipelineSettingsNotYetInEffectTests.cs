using Bhrpc.Extensions;

namespace Bhrpc.Tests.Options;

/// <summary>Until the consumer pipeline lands, setting any of its options fails with a Configuration error.</summary>
public sealed class PipelineSettingsNotYetInEffectTests
{
    public interface IPing
    {
        Task<string> PingAsync(string text);
    }

    private static IEnumerable<TestCaseData> Settings()
    {
        yield return new TestCaseData((Action<ReferenceOptions>)(r => r.Cluster = "failfast"), "Cluster").SetName("Validate_ClusterOtherThanDefault_IsRefused");
        yield return new TestCaseData((Action<ReferenceOptions>)(r => r.Retries = 1), "Retries").SetName("Validate_Retries_IsRefused");
        yield return new TestCaseData((Action<ReferenceOptions>)(r => r.Filters.Add("audit")), "Filters").SetName("Validate_Filters_IsRefused");
        yield return new TestCaseData((Action<ReferenceOptions>)(r => r.Routers.Add("tag")), "Routers").SetName("Validate_Routers_IsRefused");
        yield return new TestCaseData((Action<ReferenceOptions>)(r => r.Methods.Add(new MethodOptions { Name = "Ping" })), "Methods").SetName("Validate_Methods_IsRefused");
    }

    [TestCaseSource(nameof(Settings))]
    public void Validate_PipelineSetting_IsRefusedNamingIt(Action<ReferenceOptions> configure, string setting)
    {
        var options = new ReferenceOptions { Interface = typeof(IPing) };
        configure(options);

        var error = Assert.Throws<RpcException>(options.Validate)!;

        Assert.Multiple(() =>
        {
            Assert.That(error.StatusCode, Is.EqualTo(RpcStatusCode.Configuration));
            Assert.That(error.Message, Does.Contain("ReferenceOptions." + setting).And.Contain("not in effect yet"));
        });
    }

    [Test]
    public void Validate_Defaults_AreAccepted()
        => Assert.That(new ReferenceOptions { Interface = typeof(IPing) }.Validate, Throws.Nothing);

    [Test]
    public void Validate_ClientFilters_IsRefused()
    {
        var options = new ClientOptions();
        options.Filters.Add(new ExtensionSpec("audit"));

        Assert.That(options.Validate, Throws.TypeOf<RpcException>().With.Message.Contains("ClientOptions.Filters"));
    }
}
