namespace Bhrpc.Spring.Tests.Context;

/// <summary>Locates TestData files and writes throw-away XML for error cases.</summary>
internal static class TestFiles
{
    public const string Header = "<?xml version=\"1.0\" encoding=\"utf-8\"?>\n<objects xmlns=\"http://www.springframework.net\">\n";
    public const string Samples = "Bhrpc.Spring.Tests.Context.Samples";
    public const string Assembly = "Bhrpc.Spring.Tests";

    public static string Path(string name) => System.IO.Path.Combine(TestContext.CurrentContext.TestDirectory, "TestData", name);

    /// <summary>Writes <see cref="Header"/> + body + closing tag to a temp file; line 3 is the body's first line.</summary>
    public static string WriteTemp(string body)
    {
        var directory = System.IO.Path.Combine(System.IO.Path.GetTempPath(), "bhrpc-xml-tests");
        Directory.CreateDirectory(directory);
        var file = System.IO.Path.Combine(directory, Guid.NewGuid().ToString("N") + ".xml");
        File.WriteAllText(file, Header + body + "\n</objects>\n");
        return file;
    }

    public static string Type(string name) => $"{Samples}.{name}, {Assembly}";
}
