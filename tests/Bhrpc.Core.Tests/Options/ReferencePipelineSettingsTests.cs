using Bhrpc.Metadata;
using Bhrpc.Tests.Pipeline;

namespace Bhrpc.Tests.Options;

/// <summary>ReferenceOptions.Validate checks the cluster, retry, filter, router and per-method settings, naming the wrong one.</summary>
public sealed class ReferencePipelineSettingsTests
{
    private static IEnumerable<TestCaseData> Refused()
    {
        yield return new TestCaseData((Action<ReferenceOptions>)(r => r.Retries = -1), "Retries must be between 0 and 100").SetName("Validate_NegativeRetries_IsRefused");
        yield return new TestCaseData((Action<ReferenceOptions>)(r => r.AttemptTimeout = TimeSpan.Zero), "AttemptTimeout must be positive").SetName("Validate_ZeroAttemptTimeout_IsRefused");
        yield return new TestCaseData((Action<ReferenceOptions>)(r => r.Methods.Add(new MethodOptions { Name = "Find" })), "Methods 'Find' is not a method of").SetName("Validate_UnknownMethodName_IsRefusedListingTheMethods");
        yield return new TestCaseData((Action<ReferenceOptions>)(r => r.Methods.Add(new MethodOptions { Name = "EchoAsync", Oneway = true })), "Oneway is set, but EchoAsync returns a value").SetName("Validate_OnewayOnAMethodReturningAValue_IsRefused");
        yield return new TestCaseData((Action<ReferenceOptions>)(r => r.Methods.Add(new MethodOptions { Name = "EchoAsync", Retries = -2 })), "Methods 'EchoAsync': Retries must be").SetName("Validate_NegativeMethodRetries_IsRefused");
        yield return new TestCaseData((Action<ReferenceOptions>)(r => r.Methods.Add(new MethodOptions { Name = "EchoAsync", Timeout = TimeSpan.FromSeconds(-3) })), "Methods 'EchoAsync': Timeout must be positive").SetName("Validate_NegativeMethodTimeout_IsRefused");
        yield return new TestCaseData((Action<ReferenceOptions>)(r => { r.Methods.Add(new MethodOptions { Name = "EchoAsync" }); r.Methods.Add(new MethodOptions { Name = "EchoAsync", Retries = 1 }); }), "has settings twice").SetName("Validate_TwoEntriesForOneMethod_IsRefused");
        yield return new TestCaseData((Action<ReferenceOptions>)(r => r.Routers.Add("-tag")), "routers have no global list").SetName("Validate_RouterRemoval_IsRefused");
    }

    [TestCaseSource(nameof(Refused))]
    public void Validate_BadPipelineSetting_IsRefusedNamingIt(Action<ReferenceOptions> configure, string expected)
    {
        var options = new ReferenceOptions { Interface = typeof(IPipelineService) };
        configure(options);

        var error = Assert.Throws<RpcException>(options.Validate)!;

        Assert.Multiple(() =>
        {
            Assert.That(error.StatusCode, Is.EqualTo(RpcStatusCode.Configuration));
            Assert.That(error.Message, Does.Contain(expected).And.Contain(typeof(IPipelineService).FullName!));
        });
    }

    [Test]
    public void Validate_UnknownMethodName_ListsTheMethods()
    {
        var options = new ReferenceOptions { Interface = typeof(IPipelineService) };
        options.Methods.Add(new MethodOptions { Name = "Find" });

        Assert.That(Assert.Throws<RpcException>(options.Validate)!.Message, Does.Contain("Echo, EchoAsync, NotifyAsync, ReadAsync, WaitAsync"));
    }

    [Test]
    public void Validate_WireNameOfAMethod_IsAccepted()
    {
        var options = new ReferenceOptions { Interface = typeof(IPipelineService), MethodNaming = MethodNaming.CamelCase };
        options.Methods.Add(new MethodOptions { Name = "echoAsync", Timeout = TimeSpan.FromSeconds(1), Retries = 0, Idempotent = true });

        Assert.That(options.Validate, Throws.Nothing);
    }

    [Test]
    public void Validate_PipelineSettings_AreAccepted()
    {
        var options = new ReferenceOptions { Interface = typeof(IPipelineService), Cluster = "failfast", AttemptTimeout = TimeSpan.FromSeconds(1) };
        options.Filters.Add("audit");
        options.Routers.Add("tag");

        Assert.That(options.Validate, Throws.Nothing);
    }
}
