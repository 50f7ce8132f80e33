using System.Diagnostics;
using System.Runtime.InteropServices;
using Bhrpc.Tests.Infrastructure;

namespace Bhrpc.Tests.EndToEnd;

/// <summary>
/// The README's console provider (tests/Bhrpc.TestProvider) as a real child process: the server takes
/// no signal and no lifetime of its own; SIGTERM or Ctrl+C reaching <c>WaitForShutdownAsync</c> stops it
/// within its ShutdownTimeout (5 s), deregistered, exit code 0; its output is about bhrpc, not HTTP.
/// </summary>
[Platform(Exclude = "Win", Reason = "sends POSIX signals with the kill command")]
public sealed class ProviderSignalTests
{
    private static readonly TimeSpan s_shutdownTimeout = TimeSpan.FromSeconds(5);

    [TestCase(PosixSignal.SIGTERM)]
    [TestCase(PosixSignal.SIGINT)]
    public async Task ConsoleProvider_Signal_DeregistersAndExitsZeroWithinTheShutdownTimeout(PosixSignal signal)
    {
        using var registry = new TempFolder();
        await using var provider = await ProviderChild.StartAsync(registry.Path);
        Assert.That(InstanceFiles(registry), Has.Length.EqualTo(1), "the provider registered its one service");

        var signalled = Stopwatch.StartNew();
        await provider.SignalAsync(signal);
        var exited = await provider.WaitForExitAsync(s_shutdownTimeout);

        Assert.That(exited, Is.True, $"the provider must exit within its ShutdownTimeout of {s_shutdownTimeout} after {signal}; its output:{Environment.NewLine}{provider.Output}");
        Assert.Multiple(() =>
        {
            Assert.That(provider.ExitCode, Is.Zero, provider.Output);
            Assert.That(signalled.Elapsed, Is.LessThan(s_shutdownTimeout));
            Assert.That(InstanceFiles(registry), Is.Empty, "the provider deregistered before it exited");
            Assert.That(provider.Output, Does.Contain($"{signal} received: stopping bhrpc server 127.0.0.1:"));
        });
    }

    [Test]
    public async Task ConsoleProvider_Output_NamesBhrpcAddressAndServicesAndNothingHttp()
    {
        using var registry = new TempFolder();
        await using var provider = await ProviderChild.StartAsync(registry.Path);
        await provider.SignalAsync(PosixSignal.SIGTERM);
        Assert.That(await provider.WaitForExitAsync(s_shutdownTimeout), Is.True, provider.Output);

        var output = provider.Output;
        Assert.Multiple(() =>
        {
            Assert.That(output, Does.Match(@"bhrpc server 127\.0\.0\.1:\d+ started \(listening on 127\.0\.0\.1:\d+\); services: Bhrpc\.TestProvider\.IEcho#1\.0\.0#;"));
            Assert.That(output, Does.Contain("bhrpc server 127.0.0.1:").And.Contain("stopped"));
            Assert.That(output, Does.Not.Contain("Now listening on"));
            Assert.That(output, Does.Not.Contain("Ctrl+C"));
            Assert.That(output, Does.Not.Contain("http://"));
            Assert.That(output, Does.Not.Contain("Application is shutting down"));
            Assert.That(output, Does.Not.Contain("Hosting"));
        });
    }

    [Test]
    public async Task StartedServerAlone_Sigterm_EndsTheProcessAsTheRuntimeDefaultDoes()
    {
        // No WaitForShutdownAsync: if starting the server had taken SIGTERM (a host's console lifetime
        // cancels it), the process would keep running and serving.
        using var registry = new TempFolder();
        await using var provider = await ProviderChild.StartAsync(registry.Path, startOnly: true);
        await provider.SignalAsync(PosixSignal.SIGTERM);

        Assert.That(await provider.WaitForExitAsync(s_shutdownTimeout), Is.True, $"SIGTERM must end a process whose server only started; its output:{Environment.NewLine}{provider.Output}");
        Assert.That(provider.ExitCode, Is.EqualTo(128 + 15), "the runtime's default SIGTERM exit code, not the program's own return");
    }

    private static string[] InstanceFiles(TempFolder registry) => Directory.GetFiles(registry.Path, "*.json", SearchOption.AllDirectories);
}
