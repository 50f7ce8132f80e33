using Bhrpc.Internal;
using Bhrpc.Tests.Infrastructure;
using Microsoft.Extensions.Logging;

namespace Bhrpc.Tests.EndToEnd;

/// <summary>An exception thrown by a service is logged by the provider at Warning, with the service key, the method and the exception.</summary>
public sealed class ServiceExceptionLoggingTests
{
    private const int ServiceThrewEventId = LogEventIds.ServiceDispatcher + 0;

    [Test]
    public async Task SyncServiceThrows_ProviderLogsWarningWithKeyMethodAndException()
    {
        var logs = new RecordingLoggerFactory();
        await using var harness = await Harness.StartAsync(server: s => s.LoggerFactory = logs);

        Assert.Throws<RpcException>(() => harness.Proxy().Fail("boom-sync"));

        AssertLogged(logs, "Fail(java.lang.String)", nameof(InvalidOperationException), "boom-sync");
    }

    [Test]
    public async Task AsyncServiceFaults_ProviderLogsWarningWithKeyMethodAndException()
    {
        var logs = new RecordingLoggerFactory();
        await using var harness = await Harness.StartAsync(server: s => s.LoggerFactory = logs);

        Assert.ThrowsAsync<RpcException>(() => harness.Proxy().FailAsync("boom-async").WithTimeout());

        AssertLogged(logs, "FailAsync(java.lang.String)", nameof(ArgumentException), "boom-async");
    }

    private static void AssertLogged(RecordingLoggerFactory logs, string signature, string exceptionType, string message)
    {
        // The provider logs before it sends the failure, so the entry is there once the caller has it.
        var entry = logs.Entries.Single(e => e.EventId.Id == ServiceThrewEventId);
        Assert.Multiple(() =>
        {
            Assert.That(entry.Level, Is.EqualTo(LogLevel.Warning));
            Assert.That(entry.Message, Does.Contain(typeof(ICalculator).FullName + "#1.0.0#").And.Contain(signature));
            Assert.That(logs.Dump(), Does.Contain($"{exceptionType}: {message}"), "the exception is attached to the entry");
        });
    }
}
