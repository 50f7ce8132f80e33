using Bhrpc.Internal;
using Microsoft.Extensions.Logging;

namespace Bhrpc.Cluster.Failsafe;

/// <summary>The failsafe cluster's log messages.</summary>
internal static partial class FailsafeLog
{
    [LoggerMessage(LogEventIds.Failsafe + 0, LogLevel.Warning, "Failsafe call {Call} failed; returning the default value")]
    public static partial void Swallowed(ILogger logger, string call, Exception error);
}
