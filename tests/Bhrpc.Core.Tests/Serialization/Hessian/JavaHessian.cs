using System.Diagnostics;
using System.Runtime.CompilerServices;

namespace Bhrpc.Tests.Serialization.Hessian;

/// <summary>
/// Compiles the Java interop driver (java/HessianInterop.java) once per test run against
/// Debian's Caucho Hessian 4.0.38 and runs it. Without java, javac or the jar a test is ignored,
/// or fails under CI=true.
/// </summary>
internal static class JavaHessian
{
    private static readonly string[] JarCandidates = ["/usr/share/java/hessian-4.0.38.jar", "/usr/share/java/hessian.jar"];
    private static readonly Lazy<(string? ClassPath, string? Missing)> Compiled = new(Compile);

    /// <summary>The class path of the compiled driver; ignores or fails the test when Java is not installed.</summary>
    public static string ClassPath()
    {
        var (classPath, missing) = Compiled.Value;
        if (classPath is null)
        {
            if (string.Equals(Environment.GetEnvironmentVariable("CI"), "true", StringComparison.OrdinalIgnoreCase))
            {
                Assert.Fail($"{missing}; under CI=true the hessian2 interop tests must run (apt-get install openjdk-17-jdk-headless libhessian-java).");
            }

            Assert.Ignore($"{missing}: install openjdk-17-jdk-headless and libhessian-java to run the hessian2 interop tests.");
        }

        return classPath!;
    }

    /// <summary>Runs the driver with <paramref name="mode"/> (write or read) over <paramref name="folder"/> and returns its output lines.</summary>
    public static string[] Run(string mode, string folder)
    {
        var output = Exec(
            "java",
            ["--add-opens", "java.base/java.lang=ALL-UNNAMED", "--add-opens", "java.base/java.util=ALL-UNNAMED",
             "-cp", ClassPath(), "HessianInterop", mode, folder]);
        return output.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
    }

    private static (string?, string?) Compile()
    {
        var jar = JarCandidates.FirstOrDefault(File.Exists);
        if (jar is null)
        {
            return (null, "the Hessian jar (/usr/share/java/hessian-4.0.38.jar) is missing");
        }

        if (FindOnPath("java") is null || FindOnPath("javac") is null)
        {
            return (null, "java or javac is not on PATH");
        }

        var sources = Path.Combine(SourceFolder(), "java");
        var output = Path.Combine(Path.GetTempPath(), "bhrpc-hessian-interop-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(output);
        var files = Directory.GetFiles(sources, "*.java", SearchOption.AllDirectories);
        Exec("javac", ["-nowarn", "-encoding", "UTF-8", "-d", output, "-cp", jar, .. files]);
        return (output + Path.PathSeparator + jar, null);
    }

    private static string SourceFolder([CallerFilePath] string path = "") => Path.GetDirectoryName(path)!;

    private static string? FindOnPath(string name) =>
        (Environment.GetEnvironmentVariable("PATH") ?? string.Empty)
            .Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries)
            .Select(dir => Path.Combine(dir, name))
            .FirstOrDefault(File.Exists);

    private static string Exec(string file, IEnumerable<string> arguments)
    {
        var info = new ProcessStartInfo(file)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in arguments)
        {
            info.ArgumentList.Add(argument);
        }

        using var process = Process.Start(info)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        if (!process.WaitForExit(TimeSpan.FromMinutes(2)))
        {
            process.Kill(entireProcessTree: true);
            Assert.Fail($"{file} did not finish within 2 minutes.");
        }

        if (process.ExitCode != 0)
        {
            Assert.Fail($"{file} exited with {process.ExitCode}: {stderr.Result}{stdout.Result}");
        }

        return stdout.Result;
    }
}
