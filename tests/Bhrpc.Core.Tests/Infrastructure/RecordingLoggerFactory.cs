using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;

namespace Bhrpc.Tests.Infrastructure;

/// <summary>A logger factory that keeps every entry, so that tests can check what was logged and how often.</summary>
internal sealed class RecordingLoggerFactory : ILoggerFactory
{
    private readonly ConcurrentQueue<(EventId EventId, LogLevel Level, string Message)> _entries = new();
    private readonly ConcurrentQueue<string> _lines = new();

    public IReadOnlyList<(EventId EventId, LogLevel Level, string Message)> Entries => [.. _entries];

    /// <summary>How many entries have event id <paramref name="eventId"/>.</summary>
    public int Count(int eventId) => _entries.Count(e => e.EventId.Id == eventId);

    public ILogger CreateLogger(string categoryName) => new Logger(this, categoryName);

    /// <summary>Every entry as a line with its time, category and exception, for a failure message.</summary>
    public string Dump() => string.Join(Environment.NewLine, _lines);

    public void AddProvider(ILoggerProvider provider)
    {
    }

    public void Dispose()
    {
    }

    private sealed class Logger(RecordingLoggerFactory owner, string category) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            var message = formatter(state, exception);
            owner._entries.Enqueue((eventId, logLevel, message));
            owner._lines.Enqueue($"{DateTime.Now:HH:mm:ss.fff} {logLevel} {category}: {message}{(exception is null ? string.Empty : " | " + exception.GetType().Name + ": " + exception.Message)}");
        }
    }
}
