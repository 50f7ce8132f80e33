namespace Bhrpc.Registry.ZooKeeper;

/// <summary>
/// Runs an asynchronous job so that runs never overlap: a trigger while a run is going makes exactly one
/// more run after it, however many triggers came. The job logs its own failures.
/// </summary>
internal sealed class SerialRunner(Func<Task> job)
{
    private readonly Lock _gate = new();
    private bool _running;
    private bool _pending;

    /// <summary>Runs the job now on the thread pool, or once more after the current run.</summary>
    public void Trigger()
    {
        lock (_gate)
        {
            if (_running)
            {
                _pending = true;
                return;
            }

            _running = true;
        }

        _ = Task.Run(LoopAsync);
    }

    /// <summary>Claims the runner for work done by the caller; false when a run is going.</summary>
    public bool TryEnter()
    {
        lock (_gate)
        {
            if (_running)
            {
                return false;
            }

            _running = true;
            return true;
        }
    }

    /// <summary>Ends work claimed with <see cref="TryEnter"/>, running the job if it was triggered meanwhile.</summary>
    public void Exit()
    {
        lock (_gate)
        {
            if (!_pending)
            {
                _running = false;
                return;
            }

            _pending = false;
        }

        _ = Task.Run(LoopAsync);
    }

    private async Task LoopAsync()
    {
        while (true)
        {
            try
            {
                await job().ConfigureAwait(false);
            }
            catch (Exception)
            {
                // The job logs its own failures; a stray one must not stop later runs.
            }

            lock (_gate)
            {
                if (!_pending)
                {
                    _running = false;
                    return;
                }

                _pending = false;
            }
        }
    }
}
