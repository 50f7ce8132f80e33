namespace Bhrpc.Spring.Context;

/// <summary>A singleton told when the context has finished refreshing and when it starts closing.</summary>
public interface IContextLifecycle
{
    /// <summary>Called once all non-lazy singletons exist.</summary>
    /// <param name="context">The refreshed context.</param>
    /// <param name="ct">Cancelled when the context gives up waiting (see <see cref="XmlApplicationContextOptions.LifecycleTimeout"/>).</param>
    /// <returns>Completes when the object is ready.</returns>
    Task OnContextRefreshedAsync(XmlApplicationContext context, CancellationToken ct);

    /// <summary>Called when the context is disposed, before destroy methods run.</summary>
    /// <returns>Completes when the object has stopped.</returns>
    ValueTask OnContextClosingAsync();
}
