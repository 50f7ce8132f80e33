using Bhrpc.Bench.Measurement;
using Bhrpc.Bench.Scenarios;
using Bhrpc.Bench.Systems;

namespace Bhrpc.Bench.Reporting;

/// <summary>The final (median) results by scenario and system, in report order.</summary>
internal sealed class ResultSet(IReadOnlyList<Scenario> scenarios, IReadOnlyList<string> systems, IReadOnlyList<BenchResult> results)
{
    public IReadOnlyList<Scenario> Scenarios => scenarios;

    public IReadOnlyList<string> Systems => systems;

    /// <summary>The bhrpc systems measured (one per serializer).</summary>
    public IEnumerable<string> BhrpcSystems => systems.Where(s => SystemCatalog.SerializerOf(s) is not null);

    public BenchResult? Find(string scenario, string system)
        => results.FirstOrDefault(r => r.Scenario == scenario && r.System == system);

    /// <summary>Every result, scenario by scenario, system by system.</summary>
    public IEnumerable<(Scenario Scenario, BenchResult Result)> Rows()
    {
        foreach (var scenario in scenarios)
        {
            foreach (var system in systems)
            {
                if (Find(scenario.Name, system) is { } result)
                {
                    yield return (scenario, result);
                }
            }
        }
    }

    /// <summary>The ratio of <paramref name="result"/> to <paramref name="reference"/>'s result in the same scenario.</summary>
    public double? Ratio(Scenario scenario, BenchResult result, string reference)
        => Ratios.Of(scenario, result, Find(scenario.Name, reference));
}
