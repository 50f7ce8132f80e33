using System.Diagnostics;
using Bhrpc.Registry;

namespace Bhrpc.Tests.Registry.Etcd;

/// <summary>The callback of a watch: records every list pushed, notices overlapping calls, and lets a test await a list.</summary>
internal sealed class InstanceListRecorder
{
    private readonly Lock _lock = new();
    private readonly List<IReadOnlyList<ServiceInstance>> _lists = [];
    private TaskCompletionSource _changed = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private int _running;
    private int _overlaps;

    /// <summary>How many times a callback started while another was still running.</summary>
    public int Overlaps => Volatile.Read(ref _overlaps);

    /// <summary>How many lists were pushed.</summary>
    public int Count
    {
        get
        {
            lock (_lock)
            {
                return _lists.Count;
            }
        }
    }

    /// <summary>Every list pushed so far, in order.</summary>
    public IReadOnlyList<IReadOnlyList<ServiceInstance>> Lists
    {
        get
        {
            lock (_lock)
            {
                return [.. _lists];
            }
        }
    }

    public void OnChange(IReadOnlyList<ServiceInstance> instances)
    {
        if (Interlocked.Increment(ref _running) > 1)
        {
            Interlocked.Increment(ref _overlaps);
        }

        try
        {
            // Widens the window in which an overlapping call would be seen.
            Thread.Sleep(5);
            TaskCompletionSource changed;
            lock (_lock)
            {
                _lists.Add(instances);
                changed = _changed;
                _changed = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            }

            changed.TrySetResult();
        }
        finally
        {
            Interlocked.Decrement(ref _running);
        }
    }

    /// <summary>Waits until the latest list pushed satisfies <paramref name="condition"/>; fails the test after <paramref name="within"/>.</summary>
    public async Task<IReadOnlyList<ServiceInstance>> WaitForAsync(Func<IReadOnlyList<ServiceInstance>, bool> condition, TimeSpan within, string what)
    {
        var clock = Stopwatch.StartNew();
        while (true)
        {
            Task changed;
            lock (_lock)
            {
                if (_lists.Count > 0 && condition(_lists[^1]))
                {
                    return _lists[^1];
                }

                changed = _changed.Task;
            }

            var left = within - clock.Elapsed;
            if (left <= TimeSpan.Zero)
            {
                Assert.Fail($"the watch did not push {what} within {within.TotalMilliseconds:0} ms; lists pushed: {Describe()}");
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

    private string Describe()
    {
        lock (_lock)
        {
            return string.Join(" | ", _lists.Select(l => "[" + string.Join(", ", l.Select(i => i.Address)) + "]"));
        }
    }
}
