using Bhrpc.Spring.Xml;

namespace Bhrpc.Spring.Context;

/// <summary>Options for <see cref="XmlApplicationContext"/>.</summary>
public sealed class XmlApplicationContextOptions
{
    /// <summary>
    /// Parsers for extra XML namespaces, in addition to those registered process-wide with
    /// <see cref="NamespaceParsers.Register{TParser}"/>. A parser here wins over a registered one for the same namespace. Default empty.
    /// </summary>
    public IList<INamespaceParser> Parsers { get; } = [];

    /// <summary>
    /// How long the constructor waits for all <see cref="IContextLifecycle.OnContextRefreshedAsync"/> calls, and
    /// <see cref="XmlApplicationContext.Dispose"/> for each closing call or <c>DisposeAsync</c>, before failing with
    /// <see cref="TimeoutException"/>. Not used by <see cref="XmlApplicationContext.CreateAsync"/>. Default 30 seconds.
    /// </summary>
    public TimeSpan LifecycleTimeout { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>Directory that relative file locations are resolved against. Default: <see cref="Environment.CurrentDirectory"/>.</summary>
    public string? BaseDirectory { get; set; }

    internal void Validate()
    {
        if (LifecycleTimeout <= TimeSpan.Zero && LifecycleTimeout != Timeout.InfiniteTimeSpan)
        {
            throw new ArgumentOutOfRangeException(nameof(LifecycleTimeout), LifecycleTimeout, "LifecycleTimeout must be positive or Timeout.InfiniteTimeSpan.");
        }
    }
}
