using System.Diagnostics;
using System.Text;

namespace Bhrpc.Packaging.Tests;

/// <summary>Runs the <c>dotnet</c> CLI as a child process, bounded in time, with its output captured.</summary>
internal static class DotnetCli
{
    /// <summary>
    /// Runs <c>dotnet <paramref name="arguments"/></c> in <paramref name="workingDirectory"/>; fails the test when it
    /// does not exit 0 within <paramref name="bound"/> (the process tree is killed then). Returns standard output.
    /// </summary>
    public static async Task<string> RunAsync(string workingDirectory, TimeSpan bound, IReadOnlyDictionary<string, string> environment, params string[] arguments)
    {
        var info = new ProcessStartInfo(DotnetPath())
        {
            WorkingDirectory = workingDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in arguments)
        {
            info.ArgumentList.Add(argument);
        }

        // A child of `dotnet test` inherits MSBuild's variables (MSBuildExtensionsPath, MSBUILD_EXE_PATH, ...), which
        // would point the child's build at this build's MSBuild state; the child finds its own.
        foreach (var name in info.Environment.Keys.Where(k => k.StartsWith("MSBuild", StringComparison.OrdinalIgnoreCase)).ToList())
        {
            info.Environment.Remove(name);
        }

        info.Environment["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1";
        info.Environment["DOTNET_NOLOGO"] = "1";
        info.Environment["DOTNET_SKIP_FIRST_TIME_EXPERIENCE"] = "1";
        info.Environment["DOTNET_CLI_USE_MSBUILD_SERVER"] = "0";
        foreach (var (name, value) in environment)
        {
            info.Environment[name] = value;
        }

        var output = new StringBuilder();
        var errors = new StringBuilder();
        using var process = new Process { StartInfo = info };
        process.OutputDataReceived += (_, e) => Append(output, e.Data);
        process.ErrorDataReceived += (_, e) => Append(errors, e.Data);
        process.Start();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        try
        {
            await process.WaitForExitAsync().WaitAsync(bound);
        }
        catch (TimeoutException)
        {
            process.Kill(entireProcessTree: true);
            await process.WaitForExitAsync().WaitAsync(TimeSpan.FromSeconds(10));
            Assert.Fail($"`dotnet {string.Join(' ', arguments)}` did not finish within {bound}.\n{Text(output)}\n{Text(errors)}");
        }

        // The exit wait above returns once the output streams are drained too (WaitForExitAsync waits for EOF).
        Assert.That(process.ExitCode, Is.Zero, $"`dotnet {string.Join(' ', arguments)}` failed in {workingDirectory}.\n{Text(output)}\n{Text(errors)}");
        return Text(output);
    }

    private static void Append(StringBuilder builder, string? line)
    {
        if (line is null)
        {
            return;
        }

        lock (builder)
        {
            builder.AppendLine(line);
        }
    }

    private static string Text(StringBuilder builder)
    {
        lock (builder)
        {
            return builder.ToString();
        }
    }

    /// <summary>The CLI that runs these tests (DOTNET_HOST_PATH, set by the SDK), else <c>dotnet</c> from PATH.</summary>
    private static string DotnetPath()
        => Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") is { Length: > 0 } host && File.Exists(host) ? host : "dotnet";
}
