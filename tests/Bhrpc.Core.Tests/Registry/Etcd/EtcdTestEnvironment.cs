using System.Diagnostics;
using System.Net;
using System.Net.Sockets;

namespace Bhrpc.Tests.Registry.Etcd;

/// <summary>
/// What the etcd tests need from the machine: the shared etcd that <c>./test.sh</c> starts
/// (<c>BHRPC_TEST_ETCD</c>), the etcd binaries for private servers, and helpers around them.
/// Under CI=true a missing server fails the test; elsewhere it is skipped with a hint.
/// </summary>
internal static class EtcdTestEnvironment
{
    public const string AddressVariable = "BHRPC_TEST_ETCD";
    public const string EtcdBinary = "/usr/bin/etcd";
    public const string EtcdctlBinary = "/usr/bin/etcdctl";

    /// <summary>The address of the shared etcd, <c>127.0.0.1:port</c>.</summary>
    public static string SharedAddress
    {
        get
        {
            var address = Environment.GetEnvironmentVariable(AddressVariable);
            if (string.IsNullOrWhiteSpace(address))
            {
                Missing($"{AddressVariable} is not set");
            }

            return address!;
        }
    }

    /// <summary>Skips (or under CI fails) a test that needs the etcd binaries when they are not installed.</summary>
    public static void RequireBinaries()
    {
        if (!File.Exists(EtcdBinary) || !File.Exists(EtcdctlBinary))
        {
            Missing($"{EtcdBinary} or {EtcdctlBinary} is missing (Debian packages etcd-server, etcd-client)");
        }
    }

    /// <summary>A root no other test uses.</summary>
    public static string UniqueRoot() => $"/bhrpc-test-{Guid.NewGuid():N}";

    /// <summary>A port on 127.0.0.1 that nothing listens on right now.</summary>
    public static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    /// <summary>Runs etcdctl against <paramref name="address"/> and returns its standard output.</summary>
    public static async Task<string> EtcdctlAsync(string address, params string[] arguments)
    {
        RequireBinaries();
        var start = new ProcessStartInfo(EtcdctlBinary)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add($"--endpoints=http://{address}");
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        start.Environment["ETCDCTL_API"] = "3";
        using var process = Process.Start(start)!;
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        var output = process.StandardOutput.ReadToEndAsync(timeout.Token);
        var error = process.StandardError.ReadToEndAsync(timeout.Token);
        await process.WaitForExitAsync(timeout.Token);
        Assert.That(process.ExitCode, Is.Zero, $"etcdctl {string.Join(' ', arguments)} failed: {await error}");
        return await output;
    }

    private static void Missing(string what) => Infrastructure.RequiredServer.Missing(what, "etcd");
}
