using System.Diagnostics;
using Bhrpc.Registry;

namespace Bhrpc.Tests.Registry.ZooKeeper;

/// <summary>Records what a watch pushes, notices overlapping callbacks, and waits for a list with a deadline.</summary>
internal sealed class WatchRecorder
{
    private readonly Lock _gate = new();
    private readonly List<IReadOnlyList<ServiceInstance>> _calls = [];
    private TaskCompletionSource _changed = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private int _inside;
    private volatile bool _overlapped;

    /// <summary>True if two callbacks ever ran at the same time.</summary>
    public bool Overlapped => _overlapped;

    public IReadOnlyList<IReadOnlyList<ServiceInstance>> Calls
    {
        get
        {
            lock (_gate)
            {
                return [.. _calls];
            }
        }
    }

    public int Count
    {
        get
        {
            lock (_gate)
            {
                return _calls.Count;
            }
        }
    }

    public void OnChange(IReadOnlyList<ServiceInstance> instances)
    {
        if (Interlocked.Increment(ref _inside) > 1)
        {
            _overlapped = true;
        }

        try
        {
            TaskCompletionSource changed;
            lock (_gate)
            {
                _calls.Add(instances);
                changed = _changed;
                _changed = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            }

            changed.TrySetResult();
        }
        finally
        {
            Interlocked.Decrement(ref _inside);
        }
    }

    /// <summary>Waits until the last pushed list holds exactly the instances with <paramref name="ids"/>.</summary>
    public Task<TimeSpan> WaitForIdsAsync(TimeSpan within, params string[] ids)
        => WaitForAsync(list => list.Select(i => i.Id).Order(StringComparer.Ordinal).SequenceEqual(ids.Order(StringComparer.Ordinal)), within, $"[{string.Join(", ", ids)}]");

    /// <summary>Waits until the last pushed list satisfies <paramref name="condition"/>; returns how long that took.</summary>
    public async Task<TimeSpan> WaitForAsync(Func<IReadOnlyList<ServiceInstance>, bool> condition, TimeSpan within, string what)
    {
        var started = Stopwatch.GetTimestamp();
        while (true)
        {
            IReadOnlyList<ServiceInstance>? last;
            Task changed;
            lock (_gate)
            {
                last = _calls.Count == 0 ? null : _calls[^1];
                changed = _changed.Task;
            }

            if (last is not null && condition(last))
            {
                return Stopwatch.GetElapsedTime(started);
            }

            var left = within - Stopwatch.GetElapsedTime(started);
            if (left <= TimeSpan.Zero)
            {
                var seen = last is null ? "nothing" : $"[{string.Join(", ", last.Select(i => i.Id))}]";
                Assert.Fail($"the watch did not push {what} within {within.TotalMilliseconds:F0} ms; last pushed {seen} ({Count} calls)");
            }

            try
            {
                await changed.WaitAsync(left);
            }
            catch (TimeoutException)
            {
                // Checked once more above, then failed.
            }
        }
    }
}
