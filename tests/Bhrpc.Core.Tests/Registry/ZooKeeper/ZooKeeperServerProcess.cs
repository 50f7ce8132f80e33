using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text;

namespace Bhrpc.Tests.Registry.ZooKeeper;

/// <summary>
/// A private ZooKeeper server for tests that stop and restart it: a temporary folder with its zoo.cfg
/// (tickTime 500 ms, a free loopback port, no admin server) and data, run with
/// <c>zkServer.sh start-foreground</c> in its own process group. <see cref="StopAsync"/> kills the group;
/// <see cref="StartAsync"/> runs it again on the same port and data.
/// </summary>
internal sealed class ZooKeeperServerProcess : IAsyncDisposable
{
    private static readonly TimeSpan s_startTimeout = TimeSpan.FromSeconds(30);
    private static readonly TimeSpan s_stopTimeout = TimeSpan.FromSeconds(10);

    private readonly string _folder;
    private readonly string _config;
    private readonly StringBuilder _output = new();
    private Process? _process;

    private ZooKeeperServerProcess()
    {
        _folder = Path.Combine(Path.GetTempPath(), "bhrpc-zk-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(Path.Combine(_folder, "data"));
        Directory.CreateDirectory(Path.Combine(_folder, "logs"));
        Port = FreePort();
        _config = Path.Combine(_folder, "zoo.cfg");
        File.WriteAllText(_config, $"""
            tickTime=500
            initLimit=10
            syncLimit=5
            dataDir={Path.Combine(_folder, "data")}
            clientPort={Port}
            clientPortAddress=127.0.0.1
            admin.enableServer=false
            4lw.commands.whitelist=*
            minSessionTimeout=1000
            maxSessionTimeout=60000

            """);
    }

    public int Port { get; }

    public string Address => $"127.0.0.1:{Port}";

    /// <summary>Creates the folder and starts the server; returns once it serves requests.</summary>
    public static async Task<ZooKeeperServerProcess> StartNewAsync()
    {
        ZooKeeperTestEnvironment.RequireInstalled();
        var server = new ZooKeeperServerProcess();
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

    /// <summary>Starts the server (again) and waits until it serves requests.</summary>
    public async Task StartAsync()
    {
        if (_process is not null)
        {
            throw new InvalidOperationException("the server is running; stop it first.");
        }

        // setsid gives the server its own process group, so Stop can kill the script and its java together.
        var start = new ProcessStartInfo("setsid")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add(ZooKeeperTestEnvironment.ServerScript);
        start.ArgumentList.Add("start-foreground");
        start.ArgumentList.Add(_config);
        start.Environment["ZOO_LOG_DIR"] = Path.Combine(_folder, "logs");
        var process = new Process { StartInfo = start };
        process.OutputDataReceived += (_, e) => Append(e.Data);
        process.ErrorDataReceived += (_, e) => Append(e.Data);
        process.Start();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        _process = process;

        var deadline = Stopwatch.GetTimestamp() + (long)(s_startTimeout.TotalSeconds * Stopwatch.Frequency);
        while (!await IsServingAsync())
        {
            if (process.HasExited)
            {
                throw new InvalidOperationException($"ZooKeeper on {Address} exited with {process.ExitCode}; its output:\n{Output()}");
            }

            if (Stopwatch.GetTimestamp() > deadline)
            {
                throw new TimeoutException($"ZooKeeper on {Address} did not serve within {s_startTimeout}; its output:\n{Output()}");
            }

            await Task.Delay(100);
        }
    }

    /// <summary>Kills the server (no clean shutdown, as a crash) and waits for it to exit.</summary>
    public async Task StopAsync()
    {
        var process = _process;
        if (process is null)
        {
            return;
        }

        _process = null;
        if (!process.HasExited)
        {
            // The group first (setsid made the server its leader), then the process itself in case it is not.
            using (var kill = Process.Start("kill", ["-KILL", "--", "-" + process.Id]))
            {
                await kill.WaitForExitAsync().WaitAsync(s_stopTimeout);
            }

            try
            {
                process.Kill(entireProcessTree: true);
            }
            catch (InvalidOperationException)
            {
                // Already gone.
            }

            await process.WaitForExitAsync().WaitAsync(s_stopTimeout);
        }

        process.Dispose();
    }

    public async ValueTask DisposeAsync()
    {
        await StopAsync();
        try
        {
            Directory.Delete(_folder, recursive: true);
        }
        catch (IOException)
        {
            // A file still held open; the temp folder is cleaned up eventually.
        }
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    private async Task<bool> IsServingAsync()
    {
        // The four-letter command 'srvr' answers with the server's mode once it serves clients.
        try
        {
            using var client = new TcpClient();
            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(2));
            await client.ConnectAsync(IPAddress.Loopback, Port, timeout.Token);
            var stream = client.GetStream();
            await stream.WriteAsync("srvr"u8.ToArray(), timeout.Token);
            using var reader = new StreamReader(stream, Encoding.ASCII);
            var answer = await reader.ReadToEndAsync(timeout.Token);
            return answer.Contains("Mode:", StringComparison.Ordinal);
        }
        catch (Exception e) when (e is SocketException or IOException or OperationCanceledException)
        {
            return false;
        }
    }

    private void Append(string? line)
    {
        if (line is null)
        {
            return;
        }

        lock (_output)
        {
            _output.AppendLine(line);
        }
    }

    /// <summary>The last <paramref name="lines"/> lines the server printed, for failure messages.</summary>
    public string OutputTail(int lines)
    {
        var all = Output().Split('\n');
        return string.Join('\n', all[Math.Max(0, all.Length - lines)..]);
    }

    private string Output()
    {
        lock (_output)
        {
            return _output.ToString();
        }
    }
}
