namespace Bhrpc.Tests.EndToEnd;

/// <summary>The provider side of <see cref="IJavaStyleGreeter"/>.</summary>
public sealed class JavaStyleGreeter : IJavaStyleGreeter
{
    public string Hello(string name) => "hello " + name;

    public int Add(int a, int b) => a + b;
}
