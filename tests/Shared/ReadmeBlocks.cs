namespace Bhrpc.Tests.Shared;

/// <summary>
/// Code blocks of the repository's README.md, so a test can hold the README's examples to what the product accepts.
/// Linked into each test project that checks an example.
/// </summary>
internal static class ReadmeBlocks
{
    /// <summary>The first <c>```<paramref name="language"/></c> block after the first line that <paramref name="marks"/> accepts.</summary>
    public static string After(Func<string, bool> marks, string language, string what)
    {
        var root = new DirectoryInfo(TestContext.CurrentContext.TestDirectory);
        while (root is not null && !File.Exists(Path.Combine(root.FullName, "README.md")))
        {
            root = root.Parent;
        }

        Assert.That(root, Is.Not.Null, "README.md was not found above the test output");
        var lines = File.ReadAllLines(Path.Combine(root!.FullName, "README.md"));
        var start = Array.FindIndex(lines, l => marks(l));
        Assert.That(start, Is.GreaterThanOrEqualTo(0), $"README.md has no {what}");
        var open = Array.FindIndex(lines, start, l => l == "```" + language);
        Assert.That(open, Is.GreaterThanOrEqualTo(0), $"README.md has no ```{language} block after its {what}");
        var close = Array.FindIndex(lines, open + 1, l => l == "```");
        return string.Join('\n', lines[(open + 1)..close]);
    }
}
