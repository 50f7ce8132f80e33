using System.Diagnostics;
using System.Globalization;
using Bhrpc.Extensions;
using Bhrpc.LoadBalance;
using Bhrpc.Tests.Infrastructure;
using static Bhrpc.Tests.LoadBalance.LoadBalancerTestData;

namespace Bhrpc.Tests.LoadBalance;

/// <summary>
/// The hash load balancers send a key to the same provider in every consumer: tests/Bhrpc.HashProbe, a second
/// process (with its own per-process string hash seed), picks for the same keys and must agree with this one.
/// </summary>
public sealed class HashStabilityAcrossProcessesTests
{
    private const string SourceIp = "10.20.30.40";

    // A cold .NET start on a busy 2-core machine: allow well over the usual second.
    private static readonly TimeSpan s_childLimit = TimeSpan.FromSeconds(30);

    private static readonly (int Port, int Weight)[] s_providers = [(20881, 1), (20882, 3), (20883, 2), (20884, 5), (20885, 1)];

    private static readonly string[] s_keys =
    [
        .. Enumerable.Range(0, 150).Select(i => "s:order-" + i.ToString(CultureInfo.InvariantCulture)),
        .. Enumerable.Range(0, 50).Select(i => "i:" + (i * 7919).ToString(CultureInfo.InvariantCulture)),
    ];

    [TestCase("hash")]
    [TestCase("hashweight")]
    [TestCase("iphash")]
    [TestCase("iphashweight")]
    [TestCase("zkconsistenthash")]
    [TestCase("enhanced_zkconsistenthash")]
    public async Task Select_SameKeysInASecondProcess_SameProviders(string name)
    {
        var providers = s_providers.Select(p => Provider(p.Port, p.Weight)).ToArray();
        var balancer = ExtensionLoader.Shared.Create<ILoadBalancer>(name);
        var here = s_keys.Select(k => balancer.Select(providers, Context(StableHash.Of(Key(k)), SourceIp)).Address).ToArray();

        var lines = await RunProbeAsync(name);

        Assert.Multiple(() =>
        {
            // The probe's string hashes differ from ours, so a balancer keyed by string.GetHashCode could not agree.
            Assert.That(lines[0], Is.Not.EqualTo("seed:" + "probe".GetHashCode().ToString(CultureInfo.InvariantCulture)));
            Assert.That(lines[1..], Is.EqualTo(here));
            Assert.That(here.Distinct().Count(), Is.EqualTo(providers.Length), "the keys should reach every provider");
        });
    }

    private static object Key(string key) => key.StartsWith("i:", StringComparison.Ordinal) ? int.Parse(key[2..], CultureInfo.InvariantCulture) : key[2..];

    private static async Task<string[]> RunProbeAsync(string name)
    {
        var info = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        info.ArgumentList.Add(BuiltAssembly.Find("tests/Bhrpc.HashProbe", "Bhrpc.HashProbe"));
        info.ArgumentList.Add(name);
        info.ArgumentList.Add(SourceIp);
        info.ArgumentList.Add(string.Join(',', s_providers.Select(p => $"127.0.0.1:{p.Port}={p.Weight}")));
        foreach (var key in s_keys)
        {
            info.ArgumentList.Add(key);
        }

        using var probe = Process.Start(info) ?? throw new InvalidOperationException("could not start Bhrpc.HashProbe.");
        try
        {
            var output = probe.StandardOutput.ReadToEndAsync();
            var error = probe.StandardError.ReadToEndAsync();
            await probe.WaitForExitAsync().WaitAsync(s_childLimit);
            var text = await output.WaitAsync(s_childLimit);
            Assert.That(probe.ExitCode, Is.Zero, $"Bhrpc.HashProbe failed: {await error.WaitAsync(s_childLimit)}");
            return text.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        }
        finally
        {
            if (!probe.HasExited)
            {
                probe.Kill(entireProcessTree: true);
            }
        }
    }
}
