using Bhrpc.Boot.Api;
using Microsoft.Extensions.Logging;

namespace Bhrpc.Boot.Consumer;

/// <summary>How many calls to make (0: until stopped) and how long to wait between them.</summary>
public sealed record CallerSettings(int Calls, TimeSpan Interval);

/// <summary>Calls the greeter periodically and logs each answer or failure.</summary>
public static partial class Caller
{
    /// <summary>Makes the calls; returns how many failed. Stops early, without counting a failure, when <paramref name="stopping"/> fires.</summary>
    public static async Task<int> RunAsync(IGreetingService greeter, CallerSettings settings, ILogger logger, CancellationToken stopping)
    {
        ArgumentNullException.ThrowIfNull(greeter);
        ArgumentNullException.ThrowIfNull(settings);
        var failures = 0;
        for (var sequence = 1; settings.Calls <= 0 || sequence <= settings.Calls; sequence++)
        {
            if (stopping.IsCancellationRequested)
            {
                break;
            }

            try
            {
                // Alternate the synchronous and the asynchronous method, so both kinds of call are shown.
                if (sequence % 2 == 1)
                {
                    var greeting = await greeter.GreetAsync(new GreetingRequest("bhrpc", sequence));
                    LogAnswer(logger, sequence, greeting.Text, greeting.ServedBy);
                }
                else
                {
                    LogAnswer(logger, sequence, greeter.Greet("bhrpc"), "-");
                }
            }
            catch (Exception e) when (e is not OperationCanceledException || !stopping.IsCancellationRequested)
            {
                failures++;
                LogFailure(logger, e, sequence, e.Message);
            }

            try
            {
                await Task.Delay(settings.Interval, stopping);
            }
            catch (OperationCanceledException)
            {
                break;
            }
        }

        LogDone(logger, failures);
        return failures;
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "call #{Sequence}: {Text} (served by {ServedBy})")]
    private static partial void LogAnswer(ILogger logger, int sequence, string text, string servedBy);

    [LoggerMessage(Level = LogLevel.Warning, Message = "call #{Sequence} failed: {Reason}")]
    private static partial void LogFailure(ILogger logger, Exception exception, int sequence, string reason);

    [LoggerMessage(Level = LogLevel.Information, Message = "done, {Failures} failed call(s)")]
    private static partial void LogDone(ILogger logger, int failures);
}
