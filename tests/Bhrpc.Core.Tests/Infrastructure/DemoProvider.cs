using System.Diagnostics;

namespace Bhrpc.Tests.Infrastructure;

/// <summary>
/// The demo's provider role (<c>Bhrpc.Demo --role provider</c>) in its own process, exporting
/// <c>Bhrpc.Demo.Api.IDemoService</c> in group <c>demo</c> on a loopback port; stopped with <c>quit</c>.
/// </summary>
internal sealed class DemoProvider : IAsyncDisposable
{
    private readonly Process _process;

    private DemoProvider(Process process, string address)
    {
        _process = process;
        Address = address;
    }

    /// <summary><c>127.0.0.1:port</c>, as the provider printed it.</summary>
    public string Address { get; }

    public static async Task<DemoProvider> StartAsync(string name, string registryUrl)
    {
        var info = new ProcessStartInfo("dotnet")
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            UseShellExecute = false,
        };
        foreach (var arg in new[] { BuiltAssembly.Find("demo/Bhrpc.Demo", "Bhrpc.Demo"), "--role", "provider", "--name", name, "--registry", registryUrl })
        {
            info.ArgumentList.Add(arg);
        }

        var ready = new TaskCompletionSource<string>(TaskCreationOptions.RunContinuationsAsynchronously);
        var process = Process.Start(info) ?? throw new InvalidOperationException("could not start the demo provider.");

        // Read all of its output, so that the provider never blocks on a full pipe.
        process.OutputDataReceived += (_, e) =>
        {
            if (e.Data is null)
            {
                ready.TrySetException(new InvalidOperationException("the demo provider ended its output before printing 'ready'."));
            }
            else if (e.Data.StartsWith("ready ", StringComparison.Ordinal))
            {
                ready.TrySetResult(e.Data["ready ".Length..]);
            }
        };
        process.BeginOutputReadLine();
        try
        {
            return new DemoProvider(process, await ready.Task.WaitAsync(TimeSpan.FromSeconds(60)));
        }
        catch
        {
            process.Kill(entireProcessTree: true);
            process.Dispose();
            throw;
        }
    }

    public async ValueTask DisposeAsync()
    {
        try
        {
            if (!_process.HasExited)
            {
                await _process.StandardInput.WriteLineAsync("quit");
                await _process.StandardInput.FlushAsync();
                await _process.WaitForExitAsync().WaitAsync(TimeSpan.FromSeconds(15));
            }
        }
        catch (Exception e) when (e is TimeoutException or IOException)
        {
            _process.Kill(entireProcessTree: true);
        }
        finally
        {
            _process.Dispose();
        }
    }
}
