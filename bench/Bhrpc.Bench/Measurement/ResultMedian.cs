namespace Bhrpc.Bench.Measurement;

/// <summary>Folds the runs of one (scenario, system) into one result: the median of each metric over the runs that succeeded.</summary>
internal static class ResultMedian
{
    public static BenchResult Of(IReadOnlyList<BenchResult> runs)
    {
        var ok = runs.Where(r => !r.Failed).ToList();
        if (ok.Count == 0)
        {
            return runs[0] with { Runs = runs.Count };
        }

        if (ok.Count == 1 && runs.Count == 1)
        {
            return ok[0];
        }

        double Median(Func<BenchResult, double> metric)
        {
            var values = ok.Select(metric).Order().ToArray();
            var middle = values.Length / 2;
            return values.Length % 2 == 1 ? values[middle] : (values[middle - 1] + values[middle]) / 2;
        }

        var failed = runs.Count - ok.Count;
        return new BenchResult(
            ok[0].Scenario,
            ok[0].System,
            Median(r => r.CallsPerSecond),
            Median(r => r.P50Us),
            Median(r => r.P99Us),
            Median(r => r.P999Us),
            Median(r => r.ClientBytesPerCall),
            Median(r => r.ServerBytesPerCall),
            Median(r => r.CpuUsPerCall),
            Median(r => r.ClientCpuUsPerCall),
            Median(r => r.ServerCpuUsPerCall),
            ok.Sum(r => r.Calls),
            Median(r => r.Seconds),
            ok.Sum(r => r.Samples),
            ok.Count,
            Median(r => r.ClientGcs),
            Median(r => r.ServerGcs),
            Error: null,
            Note: failed == 0 ? ok.Select(r => r.Note).FirstOrDefault(n => n is not null) : $"{failed} of {runs.Count} runs failed, median of the others; first error: {runs.First(r => r.Failed).Error}");
    }
}
