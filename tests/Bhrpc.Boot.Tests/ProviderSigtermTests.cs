using System.Diagnostics;
using System.Threading.Channels;
using Bhrpc.Boot.Api;
using Bhrpc.Registry;
using Bhrpc.Registry.Local;

namespace Bhrpc.Boot.Tests;

/// <summary>
/// The Generic Host demo provider, as its own process, receives SIGTERM while calls are in flight:
/// it leaves the registry first, every call in flight still gets its answer, then it exits 0.
/// </summary>
public sealed class ProviderSigtermTests
{
    private static readonly TimeSpan s_bound = TimeSpan.FromSeconds(30);

    [Test]
    public async Task Sigterm_WithCallsInFlight_DeregistersFirstAndLosesNoCall()
    {
        var folder = Path.Combine(Path.GetTempPath(), "bhrpc-sigterm-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(folder);
        var registryUrl = "local://" + folder;
        using var provider = StartProvider(registryUrl);
        try
        {
            var key = $"{typeof(IGreetingService).FullName}#1.0.0#";
            await using var registry = new LocalRegistryFactory().Create(RegistryOptions.Parse(registryUrl));
            var lists = Channel.CreateUnbounded<int>();
            await using var watch = await registry.WatchAsync(key, list => lists.Writer.TryWrite(list.Count)).AsTask().WaitAsync(s_bound);
            await UntilAsync(lists, count => count == 1, "the provider registers");

            await using var client = new RpcClient(new ClientOptions { Registry = RegistryOptions.Parse(registryUrl) });
            var greeter = client.CreateProxy<IGreetingService>(r => r.Timeout = TimeSpan.FromSeconds(20));
            Assert.That(greeter.Greet("warm-up"), Is.EqualTo("Hello, warm-up"));

            var inFlight = Enumerable.Range(1, 5).Select(i => greeter.GreetSlowlyAsync(new GreetingRequest("drain", i), 2000)).ToArray();
            await Task.Delay(300); // the requests are on the wire and running on the provider
            using (var kill = Process.Start("kill", ["-TERM", provider.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)]))
            {
                await kill!.WaitForExitAsync().WaitAsync(s_bound);
            }

            await UntilAsync(lists, count => count == 0, "the provider deregisters");
            Assert.That(inFlight.Any(c => c.IsCompleted), Is.False, "it left the registry before the calls in flight finished");
            Assert.That(provider.HasExited, Is.False, "it left the registry before it stopped serving");

            var answers = await Task.WhenAll(inFlight).WaitAsync(s_bound);
            Assert.That(answers.Select(a => a.Sequence), Is.EqualTo(new[] { 1, 2, 3, 4, 5 }), "no call in flight is lost");

            await provider.WaitForExitAsync().WaitAsync(s_bound);
            Assert.That(provider.ExitCode, Is.Zero);
        }
        finally
        {
            if (!provider.HasExited)
            {
                provider.Kill(entireProcessTree: true);
            }

            Directory.Delete(folder, recursive: true);
        }
    }

    private static async Task UntilAsync(Channel<int> lists, Func<int, bool> wanted, string what)
    {
        using var cancel = new CancellationTokenSource(s_bound);
        try
        {
            while (!wanted(await lists.Reader.ReadAsync(cancel.Token)))
            {
            }
        }
        catch (OperationCanceledException)
        {
            Assert.Fail($"timed out waiting until {what}");
        }
    }

    private static Process StartProvider(string registryUrl)
    {
        var dll = ProviderAssembly();
        var info = new ProcessStartInfo("dotnet")
        {
            WorkingDirectory = Path.GetDirectoryName(dll)!,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        info.ArgumentList.Add(dll);
        info.Environment["Bhrpc__Registry"] = registryUrl;
        info.Environment["Bhrpc__Server__Host"] = "127.0.0.1";
        info.Environment["Bhrpc__Server__Port"] = "0";
        info.Environment["Bhrpc__Server__AdvertiseHost"] = "127.0.0.1";
        info.Environment["Bhrpc__Server__ShutdownTimeout"] = "00:00:20";
        info.Environment["Health__Port"] = "0";
        var process = Process.Start(info) ?? throw new InvalidOperationException("could not start the Boot demo provider.");
        process.OutputDataReceived += (_, _) => { };
        process.ErrorDataReceived += (_, _) => { };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return process;
    }

    /// <summary>The demo provider built in the same configuration as this test assembly.</summary>
    private static string ProviderAssembly()
    {
        var output = new DirectoryInfo(TestContext.CurrentContext.TestDirectory);
        var root = output;
        while (root is not null && !File.Exists(Path.Combine(root.FullName, "bhrpc.sln")))
        {
            root = root.Parent;
        }

        Assert.That(root, Is.Not.Null, "the repository root (bhrpc.sln) was not found above the test output");
        var dll = Path.Combine(root!.FullName, "demo", "Bhrpc.Boot.Provider", "bin", output.Parent!.Name, output.Name, "Bhrpc.Boot.Provider.dll");
        Assert.That(File.Exists(dll), Is.True, $"the Boot demo provider is not built at {dll}");
        return dll;
    }
}
