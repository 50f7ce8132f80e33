using Bhrpc.Bench.Measurement;
using Bhrpc.Bench.Reporting;
using Bhrpc.Bench.Scenarios;

namespace Bhrpc.Bench.Tests;

/// <summary>The PASS/FAIL lines are computed from results of one run.</summary>
public sealed class TargetChecksTests
{
    [Test]
    public void PipelineCost_PassesAtTheLimitAndFailsBelowIt()
    {
        var lines = Lines(("S1", "bhrpc-json+failfast", 100_000), ("S1", "bhrpc-json+2filters", 85_000));
        Assert.That(lines, Has.One.StartWith("PASS S1 bhrpc-json+2filters calls/s >= 0.85 x bhrpc-json+failfast"));

        lines = Lines(("S1", "bhrpc-json+failfast", 100_000), ("S1", "bhrpc-json+2filters", 84_000));
        Assert.That(lines, Has.One.StartWith("FAIL S1 bhrpc-json+2filters calls/s >= 0.85 x bhrpc-json+failfast"));
    }

    [Test]
    public void RatioToRaw_UsesIssue12sTarget_AndAMissingReferenceIsSkipped()
    {
        var lines = Lines(("S1", "raw", 1_000_000), ("S1", "bhrpc-json", 600_000));

        Assert.That(lines, Has.One.StartWith("PASS S1 bhrpc-json calls/s >= 0.6 x raw"));
        Assert.That(lines, Has.One.EqualTo("SKIP S1 bhrpc-json calls/s >= 10 x grpc: not measured"));
    }

    [Test]
    public void S3_AsksMoreOfMsgpackThanOfJson()
    {
        var lines = Lines(("S3", "raw", 100_000), ("S3", "bhrpc-json", 30_000), ("S3", "bhrpc-msgpack", 30_000));

        Assert.That(lines, Has.One.StartWith("PASS S3 bhrpc-json calls/s >= 0.25 x raw"));
        Assert.That(lines, Has.One.StartWith("FAIL S3 bhrpc-msgpack calls/s >= 0.5 x raw"));
    }

    private static List<string> Lines(params (string Scenario, string System, double CallsPerSecond)[] measured)
    {
        var results = measured.Select(m => new BenchResult(m.Scenario, m.System, m.CallsPerSecond, 100, 200, 300, 0, 0, 1, 0.5, 0.5, 1000, 1, 1000, 1, 0, 0)).ToList();
        var systems = measured.Select(m => m.System).Distinct().ToList();
        return [.. TargetChecks.Lines(new ResultSet(ScenarioCatalog.All, systems, results))];
    }
}
