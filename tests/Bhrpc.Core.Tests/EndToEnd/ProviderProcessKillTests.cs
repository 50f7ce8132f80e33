using System.Diagnostics;
using Bhrpc.Extensions;
using Bhrpc.Registry;
using Bhrpc.Tests.Infrastructure;

namespace Bhrpc.Tests.EndToEnd;

/// <summary>
/// A provider PROCESS killed with SIGKILL (no deregistration, no goodbye to the registry) disappears
/// from consumers once its ZooKeeper session or etcd lease ends. The provider is the demo's
/// provider role, run as its own process.
/// </summary>
[TestFixture("zookeeper")]
[TestFixture("etcd")]
public sealed class ProviderProcessKillTests(string registryType)
{
    private const string DemoServiceKey = "Bhrpc.Demo.Api.IDemoService#1.0.0#demo";

    [Test]
    public async Task ProviderKilled_DisappearsFromAWatchingConsumerAfterItsSession()
    {
        var address = RequiredServer.Address(registryType);
        var url = $"{registryType}://{address}/bhrpc-kill-{Guid.NewGuid():N}?sessionTimeout=2s";
        await using var registry = ExtensionLoader.Shared.Create<IRegistryFactory>(registryType).Create(RegistryOptions.Parse(url));
        var lists = System.Threading.Channels.Channel.CreateUnbounded<int>();
        await using var watch = await registry.WatchAsync(DemoServiceKey, list => lists.Writer.TryWrite(list.Count)).AsTask().WithTimeout();
        Assert.That(await lists.Reader.ReadAsync().AsTask().WithTimeout(), Is.Zero);

        using var provider = StartDemoProvider(url);
        try
        {
            Assert.That(await NextCountAsync(lists, c => c == 1, TimeSpan.FromSeconds(30)), Is.EqualTo(1), "the provider registers");

            var killed = Stopwatch.StartNew();
            provider.Kill(); // SIGKILL on Linux: the process gets no chance to deregister.
            await provider.WaitForExitAsync().WithTimeout();

            Assert.That(await NextCountAsync(lists, c => c == 0, TimeSpan.FromSeconds(10)), Is.Zero, "the instance goes with the session");
            Assert.That(killed.Elapsed, Is.LessThan(TimeSpan.FromSeconds(8)), "session timeout 2 s plus detection");
        }
        finally
        {
            if (!provider.HasExited)
            {
                provider.Kill(entireProcessTree: true);
            }
        }
    }

    private static async Task<int> NextCountAsync(System.Threading.Channels.Channel<int> lists, Func<int, bool> wanted, TimeSpan limit)
    {
        using var cancel = new CancellationTokenSource(limit);
        while (true)
        {
            var count = await lists.Reader.ReadAsync(cancel.Token);
            if (wanted(count))
            {
                return count;
            }
        }
    }

    private static Process StartDemoProvider(string registryUrl)
    {
        var demo = BuiltAssembly.Find("demo/Bhrpc.Demo", "Bhrpc.Demo");
        var info = new ProcessStartInfo("dotnet")
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            UseShellExecute = false,
        };
        foreach (var arg in new[] { demo, "--role", "provider", "--name", "doomed", "--registry", registryUrl })
        {
            info.ArgumentList.Add(arg);
        }

        var process = Process.Start(info) ?? throw new InvalidOperationException("could not start the demo provider.");
        process.OutputDataReceived += (_, _) => { };
        process.BeginOutputReadLine();
        return process;
    }
}
