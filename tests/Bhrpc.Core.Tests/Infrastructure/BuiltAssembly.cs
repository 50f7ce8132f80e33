namespace Bhrpc.Tests.Infrastructure;

/// <summary>
/// Finds a program of this repository built in the same configuration and framework as this test
/// assembly (the test project references it for build order), to run it as a child process.
/// </summary>
internal static class BuiltAssembly
{
    /// <summary>The path of <c>{projectFolder}/bin/{configuration}/{framework}/{name}.dll</c> below the repository root.</summary>
    /// <param name="projectFolder">The project's folder relative to the root, e.g. <c>demo/Bhrpc.Demo</c>.</param>
    /// <param name="name">The assembly name, e.g. <c>Bhrpc.Demo</c>.</param>
    public static string Find(string projectFolder, string name)
    {
        var output = new DirectoryInfo(TestContext.CurrentContext.TestDirectory);
        var configuration = output.Parent!.Name;
        var root = output;
        while (root is not null && !File.Exists(Path.Combine(root.FullName, "bhrpc.sln")))
        {
            root = root.Parent;
        }

        if (root is null)
        {
            throw new InvalidOperationException("the repository root (bhrpc.sln) was not found above the test output.");
        }

        var dll = Path.Combine(root.FullName, projectFolder, "bin", configuration, output.Name, name + ".dll");
        return File.Exists(dll) ? dll : throw new InvalidOperationException($"{name} is not built at {dll}; build the solution first.");
    }
}
