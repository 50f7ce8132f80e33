namespace Bhrpc.Spring.Context;

/// <content>Lifecycle notifications and disposal in reverse creation order.</content>
public sealed partial class XmlApplicationContext
{
    private List<IContextLifecycle> LifecycleObjects()
    {
        lock (_sync)
        {
            return _created.Select(c => c.Exposed).OfType<IContextLifecycle>().Distinct().ToList();
        }
    }

    private async Task NotifyRefreshedAsync(CancellationToken ct)
    {
        foreach (var lifecycle in LifecycleObjects())
        {
            await lifecycle.OnContextRefreshedAsync(this, ct).ConfigureAwait(false);
        }
    }

    /// <summary>Tells lifecycle objects the context is closing, then destroys singletons in reverse creation order.</summary>
    public void Dispose()
    {
        if (_disposed)
        {
            return;
        }

        var errors = new List<Exception>();
        foreach (var lifecycle in Enumerable.Reverse(LifecycleObjects()))
        {
            Collect(errors, () => lifecycle.OnContextClosingAsync().AsTask().WaitBounded(_options.LifecycleTimeout, "IContextLifecycle.OnContextClosingAsync"));
        }

        foreach (var created in TakeCreatedInReverse())
        {
            Collect(errors, () =>
            {
                DestroyCore(created);
                switch (created.Raw)
                {
                    case IAsyncDisposable asyncDisposable when created.Raw is not IDisposable:
                        asyncDisposable.DisposeAsync().AsTask().WaitBounded(_options.LifecycleTimeout, "DisposeAsync");
                        break;
                    case IDisposable disposable:
                        disposable.Dispose();
                        break;
                }
            });
        }

        FinishDispose(errors);
    }

    /// <summary>Like <see cref="Dispose"/>, awaiting asynchronous closing and disposal without blocking.</summary>
    /// <returns>Completes when every singleton is destroyed.</returns>
    public async ValueTask DisposeAsync()
    {
        if (_disposed)
        {
            return;
        }

        var errors = new List<Exception>();
        foreach (var lifecycle in Enumerable.Reverse(LifecycleObjects()))
        {
            try
            {
                await lifecycle.OnContextClosingAsync().ConfigureAwait(false);
            }
            catch (Exception ex)
            {
                errors.Add(ex);
            }
        }

        foreach (var created in TakeCreatedInReverse())
        {
            try
            {
                DestroyCore(created);
                if (created.Raw is IAsyncDisposable asyncDisposable)
                {
                    await asyncDisposable.DisposeAsync().ConfigureAwait(false);
                }
                else if (created.Raw is IDisposable disposable)
                {
                    disposable.Dispose();
                }
            }
            catch (Exception ex)
            {
                errors.Add(ex);
            }
        }

        FinishDispose(errors);
    }

    private List<CreatedObject> TakeCreatedInReverse()
    {
        lock (_sync)
        {
            _disposed = true;
            var list = Enumerable.Reverse(_created).ToList();
            _created.Clear();
            return list;
        }
    }

    private static void DestroyCore(CreatedObject created)
    {
        if (created.Definition.DestroyMethod is { } destroy)
        {
            ObjectInstantiator.Invoke(created.Definition, created.Raw, destroy, "destroy-method");
        }
    }

    private void FinishDispose(List<Exception> errors)
    {
        _disposed = true;
        _container?.Dispose();
        if (errors.Count > 0)
        {
            throw new AggregateException("Closing the application context failed.", errors);
        }
    }

    private static void Collect(List<Exception> errors, Action action)
    {
        try
        {
            action();
        }
        catch (Exception ex)
        {
            errors.Add(ex);
        }
    }
}
