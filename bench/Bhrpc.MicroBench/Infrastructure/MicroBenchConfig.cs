using System.Reflection;
using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Jobs;
using Perfolizer.Horology;

namespace Bhrpc.MicroBench.Infrastructure;

/// <summary>
/// The default configuration: one short job (1 launch, 4 warm-up and 5 measured iterations of
/// about 250 ms) so a full run stays within a few minutes on 2 cores, and results in
/// <c>bench/Bhrpc.MicroBench/BenchmarkDotNet.Artifacts</c>. A <c>--job</c> on the command line
/// (<c>--job default</c>, <c>--job short</c>, ...) replaces the job; <c>--artifacts</c> the folder.
/// </summary>
internal static class MicroBenchConfig
{
    private const string ArtifactsFolder = "BenchmarkDotNet.Artifacts";

    public static IConfig For(IReadOnlyList<string> args)
    {
        var config = DefaultConfig.Instance.WithArtifactsPath(ArtifactsPath());
        if (args.Any(a => a is "--job" or "-j" || a.StartsWith("--job=", StringComparison.Ordinal)))
        {
            return config;
        }

        return config.AddJob(Job.Default
            .WithId("Micro")
            .WithLaunchCount(1)
            .WithWarmupCount(4)
            .WithIterationCount(5)
            .WithIterationTime(TimeInterval.FromMilliseconds(250)));
    }

    private static string ArtifactsPath()
    {
        var projectDirectory = typeof(MicroBenchConfig).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>()
            .FirstOrDefault(a => a.Key == "Bhrpc.MicroBench.ProjectDirectory")?.Value;
        return projectDirectory is not null && Directory.Exists(projectDirectory)
            ? Path.Combine(projectDirectory, ArtifactsFolder)
            : Path.Combine(Directory.GetCurrentDirectory(), ArtifactsFolder);
    }
}
