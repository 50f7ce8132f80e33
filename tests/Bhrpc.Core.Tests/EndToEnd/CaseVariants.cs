namespace Bhrpc.Tests.EndToEnd;

/// <summary>The provider side of <see cref="ICaseVariants"/>.</summary>
public sealed class CaseVariants : ICaseVariants
{
    public int GetUrl(int id) => id;

    public int GetURL(int id) => -id;
}
