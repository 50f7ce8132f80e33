using System.Diagnostics;
using System.Globalization;
using System.Threading.Channels;
using Bhrpc.Bench.Measurement;

namespace Bhrpc.Bench.Orchestration;

/// <summary>
/// A server child: this same executable run as <c>server --system &lt;name&gt;</c>. Reads the bound
/// ports from its stdout, asks it for <c>stats</c>, and always ends it (politely with <c>quit</c>,
/// then by force). Every wait is bounded.
/// </summary>
internal sealed class ServerProcess : IAsyncDisposable
{
    private static readonly TimeSpan s_startTimeout = TimeSpan.FromSeconds(30);
    private static readonly TimeSpan s_statsTimeout = TimeSpan.FromSeconds(10);
    private static readonly TimeSpan s_exitTimeout = TimeSpan.FromSeconds(5);

    private readonly Process _process;
    private readonly string _system;
    private readonly Channel<string> _lines = Channel.CreateUnbounded<string>(new UnboundedChannelOptions { SingleReader = true });
    private readonly Dictionary<string, int> _ports = new(StringComparer.Ordinal);

    private ServerProcess(Process process, string system)
    {
        _process = process;
        _system = system;
    }

    /// <summary>Endpoint name to bound port.</summary>
    public IReadOnlyDictionary<string, int> Ports => _ports;

    public static async Task<ServerProcess> StartAsync(string system, TimeSpan maxLifetime)
    {
        var start = new ProcessStartInfo
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        var self = Environment.ProcessPath ?? throw new InvalidOperationException("cannot tell which executable is running, so cannot start the server child.");
        if (string.Equals(Path.GetFileNameWithoutExtension(self), "dotnet", StringComparison.OrdinalIgnoreCase))
        {
            // Run as `dotnet Bhrpc.Bench.dll`: start the child the same way.
            start.FileName = self;
            start.ArgumentList.Add(typeof(ServerProcess).Assembly.Location);
        }
        else
        {
            start.FileName = self;
        }

        foreach (var argument in new[] { "server", "--system", system, "--max-seconds", maxLifetime.TotalSeconds.ToString("F0", CultureInfo.InvariantCulture) })
        {
            start.ArgumentList.Add(argument);
        }

        var process = new Process { StartInfo = start, EnableRaisingEvents = true };
        var server = new ServerProcess(process, system);
        process.OutputDataReceived += (_, e) =>
        {
            if (e.Data is null)
            {
                server._lines.Writer.TryComplete();
            }
            else
            {
                server._lines.Writer.TryWrite(e.Data);
            }
        };
        process.ErrorDataReceived += (_, e) =>
        {
            if (e.Data is not null)
            {
                Console.Error.WriteLine($"[{system} server] {e.Data}");
            }
        };

        process.Start();
        ChildProcesses.Track(process);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        try
        {
            await server.ReadPortsAsync().ConfigureAwait(false);
            return server;
        }
        catch
        {
            await server.DisposeAsync().ConfigureAwait(false);
            throw;
        }
    }

    /// <summary>The child's allocation and CPU counters now.</summary>
    public async Task<ProcessSnapshot> StatsAsync()
    {
        await _process.StandardInput.WriteLineAsync("stats").ConfigureAwait(false);
        await _process.StandardInput.FlushAsync().ConfigureAwait(false);
        return ProcessSnapshot.Parse(await ReadLineAsync(s_statsTimeout).ConfigureAwait(false));
    }

    public async ValueTask DisposeAsync()
    {
        try
        {
            if (!_process.HasExited)
            {
                await _process.StandardInput.WriteLineAsync("quit").ConfigureAwait(false);
                await _process.StandardInput.FlushAsync().ConfigureAwait(false);
                _process.StandardInput.Close();
            }

            using var exit = new CancellationTokenSource(s_exitTimeout);
            await _process.WaitForExitAsync(exit.Token).ConfigureAwait(false);
        }
        catch (Exception e) when (e is IOException or OperationCanceledException or InvalidOperationException)
        {
            Console.Error.WriteLine($"[{_system} server] did not stop within {s_exitTimeout.TotalSeconds:F0} s of 'quit' ({e.GetType().Name}); killing it.");
        }
        finally
        {
            ChildProcesses.Kill(_process);
            ChildProcesses.Forget(_process);
            _process.Dispose();
        }
    }

    private async Task ReadPortsAsync()
    {
        var deadline = Stopwatch.GetTimestamp() + (long)(s_startTimeout.TotalSeconds * Stopwatch.Frequency);
        while (true)
        {
            var left = TimeSpan.FromSeconds(Math.Max(0.001, (deadline - Stopwatch.GetTimestamp()) / (double)Stopwatch.Frequency));
            var line = await ReadLineAsync(left).ConfigureAwait(false);
            if (line == "ready")
            {
                if (_ports.Count == 0)
                {
                    throw new InvalidOperationException($"the {_system} server said ready without naming a port.");
                }

                return;
            }

            var parts = line.Split(' ');
            if (parts is ["port", var name, var text] && int.TryParse(text, CultureInfo.InvariantCulture, out var port))
            {
                _ports[name] = port;
            }
        }
    }

    private async Task<string> ReadLineAsync(TimeSpan timeout)
    {
        using var wait = new CancellationTokenSource(timeout);
        try
        {
            return await _lines.Reader.ReadAsync(wait.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            throw new TimeoutException($"the {_system} server did not answer within {timeout.TotalSeconds:F1} s.");
        }
        catch (ChannelClosedException)
        {
            var code = _process.WaitForExit(2000) ? _process.ExitCode.ToString(CultureInfo.InvariantCulture) : "unknown";
            throw new InvalidOperationException($"the {_system} server exited (code {code}); see its stderr above.");
        }
    }
}
