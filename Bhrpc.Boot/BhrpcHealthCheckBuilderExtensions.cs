using Bhrpc.Boot.Internal;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Bhrpc.Boot;

/// <summary>Adds the bhrpc health check.</summary>
public static class BhrpcHealthCheckBuilderExtensions
{
    /// <summary>
    /// Adds the check <paramref name="name"/>: Healthy when the server (if anything is exported) is listening
    /// and the registry answers within 3 s; Unhealthy, with a description, otherwise and after stop.
    /// Needs <c>AddBhrpc</c>.
    /// </summary>
    public static IHealthChecksBuilder AddBhrpc(this IHealthChecksBuilder builder, string name = "bhrpc")
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        return builder.Add(new HealthCheckRegistration(name, sp => new BhrpcHealthCheck(sp.GetRequiredService<BhrpcRuntime>()), HealthStatus.Unhealthy, ["bhrpc"]));
    }
}
