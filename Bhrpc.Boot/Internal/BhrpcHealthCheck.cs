using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Bhrpc.Boot.Internal;

/// <summary>Healthy when the server (if any) is listening and the registry answers within a short bound.</summary>
internal sealed class BhrpcHealthCheck : IHealthCheck
{
    /// <summary>How long the registry probe may take.</summary>
    internal static readonly TimeSpan ProbeTimeout = TimeSpan.FromSeconds(3);

    private readonly BhrpcRuntime _runtime;

    public BhrpcHealthCheck(BhrpcRuntime runtime) => _runtime = runtime;

    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        if (_runtime.Stopped)
        {
            return HealthCheckResult.Unhealthy("bhrpc is stopped: the server deregistered and no longer accepts calls.");
        }

        var server = _runtime.Server;
        if (_runtime.HasServices && (server is null || server.Port == 0 || server.IsStopping))
        {
            return HealthCheckResult.Unhealthy("the bhrpc server is not listening (the host has not started it, or it stopped).");
        }

        using var bound = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        bound.CancelAfter(ProbeTimeout);
        try
        {
            await _runtime.ProbeRegistryAsync(bound.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return HealthCheckResult.Unhealthy($"the registry {_runtime.RegistryDescription} did not answer within {ProbeTimeout.TotalSeconds:0} s.");
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            return HealthCheckResult.Unhealthy($"the registry {_runtime.RegistryDescription} is unreachable: {e.Message}", e);
        }

        var data = new Dictionary<string, object> { ["registry"] = _runtime.RegistryDescription };
        if (server is not null)
        {
            data["address"] = server.Address!;
            data["callsInFlight"] = server.CallsInFlight;
            return HealthCheckResult.Healthy($"bhrpc server listening on {server.Address}; registry {_runtime.RegistryDescription} reachable.", data);
        }

        return HealthCheckResult.Healthy($"registry {_runtime.RegistryDescription} reachable (consumer only).", data);
    }
}
