using System.Diagnostics;
using System.Threading.Channels;

namespace Bhrpc.Demo.Hosting;

/// <summary>A demo provider in a child process: the same executable with <c>--role provider</c>. Its output lines are kept for the consumer to read.</summary>
public sealed class ProviderProcess : IAsyncDisposable
{
    private readonly Process _process;
    private readonly Channel<string> _lines = Channel.CreateUnbounded<string>();

    private ProviderProcess(Process process, string name)
    {
        _process = process;
        Name = name;
    }

    public string Name { get; }

    public string Address { get; private set; } = "?";

    public static async Task<ProviderProcess> StartAsync(string name, string registryUrl)
    {
        var self = Environment.ProcessPath ?? throw new InvalidOperationException("cannot find the demo executable.");
        var info = new ProcessStartInfo(self)
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            UseShellExecute = false,
        };
        if (Path.GetFileNameWithoutExtension(self) == "dotnet")
        {
            // Started as `dotnet Bhrpc.Demo.dll`: the child needs the dll too.
            info.ArgumentList.Add(typeof(ProviderProcess).Assembly.Location);
        }

        foreach (var arg in new[] { "--role", "provider", "--name", name, "--registry", registryUrl })
        {
            info.ArgumentList.Add(arg);
        }

        var process = Process.Start(info) ?? throw new InvalidOperationException($"could not start provider {name}.");
        var provider = new ProviderProcess(process, name);
        process.OutputDataReceived += (_, e) =>
        {
            if (e.Data is not null)
            {
                provider._lines.Writer.TryWrite(e.Data);
            }
        };
        process.BeginOutputReadLine();
        var ready = await provider.WaitForLineAsync("ready ", TimeSpan.FromSeconds(60));
        provider.Address = ready["ready ".Length..];
        return provider;
    }

    /// <summary>The next output line that starts with <paramref name="prefix"/>.</summary>
    public async Task<string> WaitForLineAsync(string prefix, TimeSpan timeout)
    {
        using var cancel = new CancellationTokenSource(timeout);
        try
        {
            while (true)
            {
                var line = await _lines.Reader.ReadAsync(cancel.Token);
                if (line.StartsWith(prefix, StringComparison.Ordinal))
                {
                    return line;
                }
            }
        }
        catch (OperationCanceledException)
        {
            throw new TimeoutException($"provider {Name} printed no '{prefix}' line within {timeout.TotalSeconds} s.");
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            try
            {
                await _process.StandardInput.WriteLineAsync("quit");
                await _process.StandardInput.FlushAsync();
                await _process.WaitForExitAsync().WaitAsync(TimeSpan.FromSeconds(15));
            }
            catch (Exception e) when (e is TimeoutException or IOException)
            {
                _process.Kill(entireProcessTree: true);
            }
        }

        _process.Dispose();
    }
}
