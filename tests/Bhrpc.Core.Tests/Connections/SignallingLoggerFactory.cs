using Microsoft.Extensions.Logging;

namespace Bhrpc.Tests.Connections;

/// <summary>A logger factory that keeps every entry and lets a test await the n-th entry with an event id.</summary>
internal sealed class SignallingLoggerFactory : ILoggerFactory
{
    private readonly Lock _lock = new();
    private readonly List<(EventId EventId, LogLevel Level, string Message)> _entries = [];
    private readonly List<(int EventId, int Count, TaskCompletionSource Signal)> _waiters = [];

    public IReadOnlyList<(EventId EventId, LogLevel Level, string Message)> Entries
    {
        get
        {
            lock (_lock)
            {
                return [.. _entries];
            }
        }
    }

    /// <summary>The messages of the entries with <paramref name="eventId"/>, in order.</summary>
    public IReadOnlyList<string> Messages(int eventId) => [.. Entries.Where(e => e.EventId.Id == eventId).Select(e => e.Message)];

    /// <summary>Completes once <paramref name="count"/> entries with <paramref name="eventId"/> have been logged.</summary>
    public Task WaitForAsync(int eventId, int count = 1)
    {
        lock (_lock)
        {
            if (_entries.Count(e => e.EventId.Id == eventId) >= count)
            {
                return Task.CompletedTask;
            }

            var signal = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            _waiters.Add((eventId, count, signal));
            return signal.Task;
        }
    }

    public ILogger CreateLogger(string categoryName) => new Logger(this);

    public void AddProvider(ILoggerProvider provider)
    {
    }

    public void Dispose()
    {
    }

    private void Add(EventId eventId, LogLevel level, string message)
    {
        lock (_lock)
        {
            _entries.Add((eventId, level, message));
            var seen = _entries.Count(e => e.EventId.Id == eventId.Id);
            foreach (var waiter in _waiters.Where(w => w.EventId == eventId.Id && seen >= w.Count).ToList())
            {
                _waiters.Remove(waiter);
                waiter.Signal.TrySetResult();
            }
        }
    }

    private sealed class Logger(SignallingLoggerFactory owner) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
            => owner.Add(eventId, logLevel, formatter(state, exception));
    }
}
