namespace Bhrpc.Tests.EndToEnd;

/// <summary>Two methods whose names differ only in case.</summary>
public interface ICaseVariants
{
    int GetUrl(int id);

    int GetURL(int id);
}
