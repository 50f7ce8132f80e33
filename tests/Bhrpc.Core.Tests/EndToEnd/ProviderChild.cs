using System.Collections.Concurrent;
using System.Diagnostics;
using System.Runtime.InteropServices;
using System.Threading.Channels;
using Bhrpc.Tests.Infrastructure;

namespace Bhrpc.Tests.EndToEnd;

/// <summary>
/// tests/Bhrpc.TestProvider (the README's console provider) run as a child process on a <c>local</c>
/// registry folder: its standard output is kept line by line, and it can be sent a POSIX signal.
/// </summary>
internal sealed class ProviderChild : IAsyncDisposable
{
    private readonly Process _process;
    private readonly ConcurrentQueue<string> _output = new();
    private readonly Channel<string> _lines = Channel.CreateUnbounded<string>();

    private ProviderChild(Process process)
    {
        _process = process;
        process.OutputDataReceived += (_, e) =>
        {
            if (e.Data is null)
            {
                _lines.Writer.TryComplete();
                return;
            }

            _output.Enqueue(e.Data);
            _lines.Writer.TryWrite(e.Data);
        };
        process.ErrorDataReceived += (_, e) =>
        {
            if (e.Data is not null)
            {
                _output.Enqueue("stderr: " + e.Data);
            }
        };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
    }

    /// <summary>Everything the child wrote so far, one line each.</summary>
    public string Output => string.Join(Environment.NewLine, _output);

    public bool HasExited => _process.HasExited;

    public int ExitCode => _process.ExitCode;

    /// <summary>
    /// Starts the provider and returns once it logged that it started (registered) and, unless
    /// <paramref name="startOnly"/>, that it handles SIGTERM and Ctrl+C (a signal before that line ends it at once).
    /// </summary>
    public static async Task<ProviderChild> StartAsync(string registryFolder, bool startOnly = false, bool load = false)
    {
        var info = new ProcessStartInfo("dotnet")
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        info.ArgumentList.Add(BuiltAssembly.Find("tests/Bhrpc.TestProvider", "Bhrpc.TestProvider"));
        info.ArgumentList.Add(registryFolder);
        if (startOnly)
        {
            info.ArgumentList.Add("--start-only");
        }
        else if (load)
        {
            info.ArgumentList.Add("--load");
        }

        var child = new ProviderChild(Process.Start(info) ?? throw new InvalidOperationException("could not start Bhrpc.TestProvider."));
        try
        {
            // A cold start of a .NET process on a busy 2-core machine: allow well over the usual second.
            using var limit = new CancellationTokenSource(TimeSpan.FromSeconds(30));
            while (true)
            {
                var line = await child._lines.Reader.ReadAsync(limit.Token);
                var ready = startOnly ? "started" : "stops on SIGTERM or SIGINT";
                if (line.Contains("bhrpc server", StringComparison.Ordinal) && line.Contains(ready, StringComparison.Ordinal))
                {
                    return child;
                }
            }
        }
        catch (Exception e) when (e is OperationCanceledException or ChannelClosedException)
        {
            var output = child.Output;
            await child.DisposeAsync();
            Assert.Fail($"the provider did not log its start line within 30 s ({e.GetType().Name}); its output:{Environment.NewLine}{output}");
            throw;
        }
    }

    /// <summary>Sends <paramref name="signal"/> with the <c>kill</c> command.</summary>
    public Task SignalAsync(PosixSignal signal) => SignalAsync(signal switch
    {
        PosixSignal.SIGTERM => "TERM",
        PosixSignal.SIGINT => "INT",
        _ => throw new ArgumentOutOfRangeException(nameof(signal), signal, "only SIGTERM and SIGINT are sent as PosixSignal; use the name overload for others"),
    });

    /// <summary>Sends the signal named <paramref name="name"/> (<c>KILL</c>, <c>STOP</c>, <c>CONT</c>, <c>TERM</c>...) with the <c>kill</c> command.</summary>
    public async Task SignalAsync(string name)
    {
        var info = new ProcessStartInfo("kill") { UseShellExecute = false, RedirectStandardError = true };
        foreach (var arg in new[] { "-s", name, _process.Id.ToString(System.Globalization.CultureInfo.InvariantCulture) })
        {
            info.ArgumentList.Add(arg);
        }

        using var kill = Process.Start(info) ?? throw new InvalidOperationException("could not run kill.");
        var error = kill.StandardError.ReadToEndAsync();
        await kill.WaitForExitAsync().WithTimeout();
        Assert.That(kill.ExitCode, Is.Zero, $"kill -s {name} {_process.Id} failed: {await error.WithTimeout()}");
    }

    /// <summary>True when the process exited within <paramref name="limit"/>.</summary>
    public async Task<bool> WaitForExitAsync(TimeSpan limit)
    {
        using var cancel = new CancellationTokenSource(limit);
        try
        {
            await _process.WaitForExitAsync(cancel.Token);
            return true;
        }
        catch (OperationCanceledException)
        {
            return false;
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync().WithTimeout();
        }

        _process.Dispose();
    }
}
