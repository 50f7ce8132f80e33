using Bhrpc.Boot.Api;
using Microsoft.Extensions.Logging;

namespace Bhrpc.Boot.Provider;

/// <summary>The exported implementation of <see cref="IGreetingService"/>; created by the container, so it can take dependencies.</summary>
public sealed partial class GreetingService(ILogger<GreetingService> logger, TimeProvider timeProvider) : IGreetingService
{
    private static readonly string Instance = Environment.MachineName;

    public string Greet(string name)
    {
        LogGreet(logger, name);
        return $"Hello, {name}";
    }

    public Task<Greeting> GreetAsync(GreetingRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        LogGreetAsync(logger, request.Sequence, request.Name);
        return Task.FromResult(new Greeting($"Hello, {request.Name}", request.Sequence, Instance, timeProvider.GetUtcNow()));
    }

    public async Task<Greeting> GreetSlowlyAsync(GreetingRequest request, int delayMilliseconds)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentOutOfRangeException.ThrowIfNegative(delayMilliseconds);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(delayMilliseconds, 60_000);

        // Deliberately not cancelled on shutdown: a graceful stop lets calls in flight finish.
        await Task.Delay(TimeSpan.FromMilliseconds(delayMilliseconds), timeProvider);
        return await GreetAsync(request);
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Greet({Name})")]
    private static partial void LogGreet(ILogger logger, string name);

    [LoggerMessage(Level = LogLevel.Information, Message = "GreetAsync #{Sequence} ({Name})")]
    private static partial void LogGreetAsync(ILogger logger, int sequence, string name);
}
