using System.Globalization;
using Bhrpc.Bench.Scenarios;
using Bhrpc.Bench.Systems;

namespace Bhrpc.Bench;

/// <summary>The orchestrator's command line (see <see cref="Usage"/>).</summary>
internal sealed class BenchOptions
{
    public const string Usage = """
        usage: Bhrpc.Bench [options]
          --duration <s>      measured phase per scenario and system, seconds (default 3)
          --warmup <s>        warm-up before it, seconds; 0 for none (default 1)
          --runs <n>          repeat everything n times and report the median of each metric (default 1)
          --scenarios <list>  comma-separated, from S1,S2,S3,S4,S5,S6 (S4 = S4-1KiB and S4-64KiB; S6 bhrpc only; default all)
          --systems <list>    comma-separated, from raw,dotnetty-raw,bhrpc-<serializer>[+failfast|+2filters],
                              http1,http2,grpc,streamjsonrpc (default
                              raw,dotnetty-raw,bhrpc-json+failfast,bhrpc-json,bhrpc-json+2filters,bhrpc-hessian2,
                              bhrpc-msgpack,http1,http2,grpc,streamjsonrpc: every ratio in one run; a missing serializer is skipped; +failfast: the direct path;
                              +2filters: failover with two do-nothing filters)
          --json <file>       also write one JSON line per result to <file>
        server mode (started by the orchestrator): Bhrpc.Bench server --system <name> [--max-seconds <s>]
        """;

    /// <summary>The measured phase.</summary>
    public TimeSpan Duration { get; private set; } = TimeSpan.FromSeconds(3);

    /// <summary>The warm-up before each measured phase.</summary>
    public TimeSpan Warmup { get; private set; } = TimeSpan.FromSeconds(1);

    /// <summary>How many times everything is run; the report shows medians.</summary>
    public int Runs { get; private set; } = 1;

    public IReadOnlyList<Scenario> Scenarios { get; private set; } = ScenarioCatalog.All;

    /// <summary>System names as given; unavailable serializers are dropped later with a note.</summary>
    public IReadOnlyList<string> Systems { get; private set; } = SystemCatalog.DefaultNames;

    /// <summary>Where JSON lines also go; null for stdout only.</summary>
    public string? JsonFile { get; private set; }

    /// <summary>Parses the orchestrator's arguments; throws <see cref="ArgumentException"/> naming the bad option.</summary>
    public static BenchOptions Parse(IReadOnlyList<string> args)
    {
        var options = new BenchOptions();
        for (var i = 0; i < args.Count; i++)
        {
            var name = args[i];
            string Value() => i + 1 < args.Count ? args[++i] : throw new ArgumentException($"{name} needs a value.");
            switch (name)
            {
                case "--duration":
                    options.Duration = Seconds(name, Value(), allowZero: false);
                    break;
                case "--warmup":
                    options.Warmup = Seconds(name, Value(), allowZero: true);
                    break;
                case "--runs":
                    options.Runs = int.TryParse(Value(), NumberStyles.None, CultureInfo.InvariantCulture, out var runs) && runs is >= 1 and <= 100
                        ? runs
                        : throw new ArgumentException($"--runs must be a whole number from 1 to 100; got '{args[i]}'.");
                    break;
                case "--scenarios":
                    options.Scenarios = ScenarioCatalog.Select(Value());
                    break;
                case "--systems":
                    options.Systems = SystemCatalog.ParseNames(Value());
                    break;
                case "--json":
                    options.JsonFile = Value();
                    break;
                default:
                    throw new ArgumentException($"unknown option '{name}'.");
            }
        }

        if (options.Scenarios.Count == 0 || options.Systems.Count == 0)
        {
            throw new ArgumentException("--scenarios and --systems must each name at least one.");
        }

        return options;
    }

    private static TimeSpan Seconds(string name, string text, bool allowZero)
    {
        if (!double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var seconds)
            || double.IsNaN(seconds) || seconds < 0 || (!allowZero && seconds == 0) || seconds > 3600)
        {
            throw new ArgumentException($"{name} must be a number of seconds {(allowZero ? "from 0" : "above 0")} up to 3600; got '{text}'.");
        }

        return TimeSpan.FromSeconds(seconds);
    }
}
