using System.Diagnostics;
using System.Text;

namespace Bhrpc.Tests.Registry.Etcd;

/// <summary>
/// A private etcd for tests that stop and restart it: its own data folder and free client and
/// peer ports on 127.0.0.1, in its own process group. <see cref="Stop"/> kills it (like a crash);
/// <see cref="StartAsync"/> runs it again on the same ports and data folder.
/// </summary>
internal sealed class EtcdServerProcess : IAsyncDisposable
{
    private static readonly TimeSpan s_startTimeout = TimeSpan.FromSeconds(20);

    private readonly string _folder;
    private Process? _process;

    private EtcdServerProcess()
    {
        _folder = Path.Combine(Path.GetTempPath(), "bhrpc-etcd-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(_folder);
        ClientPort = EtcdTestEnvironment.FreePort();
        PeerPort = EtcdTestEnvironment.FreePort();
    }

    public int ClientPort { get; }

    public int PeerPort { get; }

    /// <summary><c>127.0.0.1:{client port}</c>.</summary>
    public string Address => $"127.0.0.1:{ClientPort}";

    /// <summary>Starts a new etcd and waits until it answers.</summary>
    public static async Task<EtcdServerProcess> StartNewAsync()
    {
        EtcdTestEnvironment.RequireBinaries();
        var server = new EtcdServerProcess();
        try
        {
            await server.StartAsync();
            return server;
        }
        catch
        {
            await server.DisposeAsync();
            throw;
        }
    }

    /// <summary>Runs etcd (again) and waits until its gateway answers.</summary>
    public async Task StartAsync()
    {
        if (_process is not null)
        {
            throw new InvalidOperationException("etcd is already running; Stop it first.");
        }

        var client = $"http://127.0.0.1:{ClientPort}";
        var peer = $"http://127.0.0.1:{PeerPort}";

        // setsid: its own process group, so that nothing sent to the test host's group reaches it.
        var command = $"exec setsid {EtcdTestEnvironment.EtcdBinary} --name private --data-dir '{_folder}/data'"
            + $" --listen-client-urls {client} --advertise-client-urls {client}"
            + $" --listen-peer-urls {peer} --initial-advertise-peer-urls {peer}"
            + $" --initial-cluster private={peer} >>'{_folder}/etcd.log' 2>&1";
        var start = new ProcessStartInfo("/bin/sh") { UseShellExecute = false };
        start.ArgumentList.Add("-c");
        start.ArgumentList.Add(command);
        _process = Process.Start(start)!;
        await WaitUntilAnswersAsync();
    }

    /// <summary>Kills etcd at once (SIGKILL), like a crash.</summary>
    public void Stop()
    {
        if (_process is not { } process)
        {
            return;
        }

        _process = null;
        try
        {
            process.Kill(entireProcessTree: true);
            process.WaitForExit(5000);
        }
        catch (InvalidOperationException)
        {
            // Already exited.
        }

        process.Dispose();
    }

    public ValueTask DisposeAsync()
    {
        Stop();
        try
        {
            Directory.Delete(_folder, recursive: true);
        }
        catch (IOException)
        {
            // A temp folder left behind is harmless.
        }

        return ValueTask.CompletedTask;
    }

    private async Task WaitUntilAnswersAsync()
    {
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(1) };
        var deadline = Stopwatch.StartNew();
        while (true)
        {
            try
            {
                using var content = new StringContent("""{"key":"AA=="}""", Encoding.UTF8, "application/json");
                using var response = await http.PostAsync(new Uri($"http://{Address}/v3/kv/range"), content);
                if (response.IsSuccessStatusCode)
                {
                    return;
                }
            }
            catch (Exception e) when (e is HttpRequestException or TaskCanceledException)
            {
                // Not up yet.
            }

            if (_process is null || _process.HasExited || deadline.Elapsed > s_startTimeout)
            {
                var log = File.Exists(Path.Combine(_folder, "etcd.log")) ? await File.ReadAllTextAsync(Path.Combine(_folder, "etcd.log")) : "(no log)";
                Assert.Fail($"private etcd on {Address} did not answer within {s_startTimeout}; its log ends:\n{log[Math.Max(0, log.Length - 3000)..]}");
            }

            await Task.Delay(50);
        }
    }
}
