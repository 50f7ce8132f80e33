using Microsoft.Extensions.Logging;

namespace Bhrpc.Server.Internal;

/// <summary>
/// The logger factory Kestrel gets: the server's own, minus Kestrel's "Unable to start Kestrel."
/// entry. That entry logs the whole stack of a failed bind at Critical; the same failure already
/// reaches the caller of <see cref="RpcServer.StartAsync"/> as a one-line <see cref="RpcException"/>.
/// </summary>
internal sealed class KestrelLoggerFactory(ILoggerFactory inner) : ILoggerFactory
{
    private const string StartFailed = "Unable to start Kestrel.";

    public ILogger CreateLogger(string categoryName) => new Logger(inner.CreateLogger(categoryName));

    public void AddProvider(ILoggerProvider provider) => inner.AddProvider(provider);

    public void Dispose()
    {
        // The server's factory belongs to whoever configured it.
    }

    private sealed class Logger(ILogger inner) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull => inner.BeginScope(state);

        public bool IsEnabled(LogLevel logLevel) => inner.IsEnabled(logLevel);

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            if (logLevel == LogLevel.Critical && exception is not null && string.Equals(formatter(state, null), StartFailed, StringComparison.Ordinal))
            {
                return;
            }

            inner.Log(logLevel, eventId, state, exception, formatter);
        }
    }
}
