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
    /// How long the constructor and <see cref="XmlApplicationContext.Dispose"/> wait for each
    /// <see cref="IContextLifecycle"/> call before failing with <see cref="TimeoutException"/>. Default 30 seconds.
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
