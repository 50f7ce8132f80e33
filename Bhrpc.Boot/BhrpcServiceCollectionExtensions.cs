using Bhrpc.Boot.Internal;
using Bhrpc.Extensions;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;

namespace Bhrpc.Boot;

/// <summary>
/// Adds bhrpc to a Generic Host.
/// <code>
/// var builder = Host.CreateApplicationBuilder(args);
/// builder.AddBhrpc()
///     .AddService&lt;IGreeter, Greeter&gt;()
///     .AddReference&lt;IOrders&gt;("orders");
/// </code>
/// Settings come from the <c>Bhrpc</c> section (see <see cref="BhrpcConfigurationKeys"/>); they are checked
/// when the host starts. The host's <see cref="HostOptions.ShutdownTimeout"/> is raised, when shorter, to
/// <c>Bhrpc:Server:GracePeriod</c> plus <c>Bhrpc:Server:ShutdownTimeout</c> plus <see cref="ShutdownMargin"/>: the
/// server keeps serving for the grace period, then drains, and the host waits for both.
/// </summary>
public static class BhrpcServiceCollectionExtensions
{
    /// <summary>What the host's shutdown timeout leaves beyond the grace period and the drain, for deregistering and closing: 5 s.</summary>
    public static readonly TimeSpan ShutdownMargin = TimeSpan.FromSeconds(5);

    /// <summary>Adds bhrpc with the <c>Bhrpc</c> section of <paramref name="configuration"/>.</summary>
    public static BhrpcBuilder AddBhrpc(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(configuration);
        var existing = services.FirstOrDefault(d => d.ServiceType == typeof(BhrpcState))?.ImplementationInstance as BhrpcState;
        if (existing is not null)
        {
            return new BhrpcBuilder(services, existing);
        }

        var state = new BhrpcState();
        services.AddSingleton(state);
        services.AddSingleton(sp => new BhrpcRuntime(state, configuration, sp));
        services.AddHostedService<BhrpcHostedService>();
        services.AddOptions<HostOptions>().PostConfigure(host => RaiseShutdownTimeout(host, configuration));
        AddConfiguredReferences(services, state, configuration);
        return new BhrpcBuilder(services, state);
    }

    /// <summary>Adds bhrpc to <paramref name="builder"/>: <c>builder.Services.AddBhrpc(builder.Configuration)</c>.</summary>
    public static BhrpcBuilder AddBhrpc(this IHostApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        return builder.Services.AddBhrpc(builder.Configuration);
    }

    /// <summary>The longest a stop of the server takes (grace period, then drain) plus <see cref="ShutdownMargin"/>, when the host allows less.</summary>
    private static void RaiseShutdownTimeout(HostOptions host, IConfiguration configuration)
    {
        TimeSpan stop;
        try
        {
            var reader = new ConfigReader(configuration, ExtensionLoader.Shared);
            var defaults = new ServerOptions();
            var grace = reader.Duration("Bhrpc:Server:GracePeriod", allowZero: true) ?? defaults.GracePeriod;
            var drain = reader.Duration("Bhrpc:Server:ShutdownTimeout", allowZero: true) ?? defaults.ShutdownTimeout;
            stop = grace + drain + ShutdownMargin;
        }
        catch (RpcException)
        {
            // The host's start reports the bad value; here keep the host's own timeout.
            return;
        }

        if (host.ShutdownTimeout < stop)
        {
            host.ShutdownTimeout = stop;
        }
    }

    /// <summary>References that exist only in configuration (<c>Bhrpc:References:{name}:Interface</c>) become resolvable too.</summary>
    private static void AddConfiguredReferences(IServiceCollection services, BhrpcState state, IConfiguration configuration)
    {
        var reader = new ConfigReader(configuration, ExtensionLoader.Shared);
        foreach (var section in configuration.GetSection("Bhrpc:References").GetChildren())
        {
            if (reader.String($"{section.Path}:Interface") is null)
            {
                continue;
            }

            try
            {
                var contract = reader.Type($"{section.Path}:Interface", mustBeInterface: true)!;
                BhrpcBuilder.AddReference(services, state, section.Key, contract, configure: null);
            }
            catch (RpcException e)
            {
                state.Deferred.Add(e);
            }
        }
    }
}
