using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;

namespace Bhrpc.Tests.Registry.Etcd;

/// <summary>A logger factory that keeps every entry, so that tests can check what was logged and how often.</summary>
internal sealed class RecordingLoggerFactory : ILoggerFactory
{
    private readonly ConcurrentQueue<(EventId EventId, LogLevel Level, string Message)> _entries = new();

    public IReadOnlyList<(EventId EventId, LogLevel Level, string Message)> Entries => [.. _entries];

    /// <summary>How many entries have event id <paramref name="eventId"/>.</summary>
    public int Count(int eventId) => _entries.Count(e => e.EventId.Id == eventId);

    public ILogger CreateLogger(string categoryName) => new Logger(this);

    public void AddProvider(ILoggerProvider provider)
    {
    }

    public void Dispose()
    {
    }

    private sealed class Logger(RecordingLoggerFactory owner) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
            => owner._entries.Enqueue((eventId, logLevel, formatter(state, exception)));
    }
}
