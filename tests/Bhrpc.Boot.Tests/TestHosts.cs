using Autofac;
using Autofac.Extensions.DependencyInjection;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace Bhrpc.Boot.Tests;

/// <summary>Builds hosts on a local registry in a temporary folder; stops and disposes them, bounded.</summary>
public sealed class TestHosts : IAsyncDisposable
{
    public static readonly TimeSpan Bound = TimeSpan.FromSeconds(15);

    private readonly List<IHost> _hosts = [];

    public TestHosts()
    {
        Folder = Path.Combine(Path.GetTempPath(), "bhrpc-boot-tests-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(Folder);
    }

    public string Folder { get; }

    public string Registry => "local://" + Folder;

    public IHost Build(Action<BhrpcBuilder> bhrpc, IDictionary<string, string?>? settings = null, bool autofac = false, Action<IServiceCollection>? services = null)
    {
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Bhrpc:Registry"] = Registry,
            ["Bhrpc:Server:Port"] = "0",
        });
        if (settings is not null)
        {
            builder.Configuration.AddInMemoryCollection(settings);
        }

        builder.Services.AddSingleton<Gate>();
        builder.Services.AddHealthChecks().AddBhrpc();
        services?.Invoke(builder.Services);
        bhrpc(builder.AddBhrpc());
        if (autofac)
        {
            builder.ConfigureContainer(new AutofacServiceProviderFactory(), c => c.AddBhrpcInjection());
        }

        var host = builder.Build();
        _hosts.Add(host);
        return host;
    }

    public async Task<IHost> StartAsync(Action<BhrpcBuilder> bhrpc, IDictionary<string, string?>? settings = null, bool autofac = false, Action<IServiceCollection>? services = null)
    {
        var host = Build(bhrpc, settings, autofac, services);
        await host.StartAsync().WaitAsync(Bound);
        return host;
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var host in _hosts)
        {
            try
            {
                await host.StopAsync().WaitAsync(Bound);
            }
            catch (Exception e) when (e is RpcException or InvalidOperationException)
            {
                // A host whose start failed (validation tests) has nothing to stop.
            }

            if (host is IAsyncDisposable disposable)
            {
                await disposable.DisposeAsync().AsTask().WaitAsync(Bound);
            }
        }

        Directory.Delete(Folder, recursive: true);
    }
}
