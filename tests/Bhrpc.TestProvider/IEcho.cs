namespace Bhrpc.TestProvider;

/// <summary>The service the test provider exports.</summary>
public interface IEcho
{
    /// <summary>Returns <paramref name="text"/>.</summary>
    string Echo(string text);
}
