namespace Bhrpc.Spring.Tests.Context.Samples;

/// <summary>Has one property of every convertible kind.</summary>
public sealed class Widget
{
    public string? Name { get; set; }

    public int Port { get; set; }

    public TimeSpan Timeout { get; set; }

    public Uri? Endpoint { get; set; }

    public WidgetKind Kind { get; set; }

    public int? MaybeCount { get; set; }

    public Type? ImplType { get; set; }

    public bool Enabled { get; set; }

    public List<string>? Tags { get; set; }

    public int[]? Ports { get; set; }

    public IReadOnlyList<Widget>? Children { get; set; }

    public Dictionary<string, int>? Limits { get; set; }

    public IDictionary<string, object>? Mixed { get; set; }

    public Widget? Child { get; set; }

    public object? Anything { get; set; }
}
