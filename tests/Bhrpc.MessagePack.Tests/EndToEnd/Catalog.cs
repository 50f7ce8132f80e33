using System.Collections.Concurrent;

namespace Bhrpc.MessagePack.Tests.EndToEnd;

/// <summary>An in-memory <see cref="ICatalog"/>.</summary>
public sealed class Catalog : ICatalog
{
    public static readonly DateTime Day = new(2026, 12, 8, 0, 0, 0, DateTimeKind.Utc);

    public ConcurrentQueue<long> Forgotten { get; } = new();

    public Sample Rename(Sample sample, string name) => sample with { Name = name };

    public Task<List<SampleLine>> LinesAsync(string sku, int count)
        => Task.FromResult(Enumerable.Range(1, count).Select(i => new SampleLine($"{sku}-{i}", i, Day.AddDays(i))).ToList());

    public Dictionary<string, int> Count(IReadOnlyList<string> words)
        => words.GroupBy(w => w, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.Count(), StringComparer.Ordinal);

    public string? Echo(string? text) => text;

    public void Forget(long id) => Forgotten.Enqueue(id);

    public async Task<Sample> FailAsync(string message)
    {
        await Task.Yield();
        throw new InvalidOperationException(message);
    }

    public Unannotated Plain(int value) => new() { Value = value };
}
