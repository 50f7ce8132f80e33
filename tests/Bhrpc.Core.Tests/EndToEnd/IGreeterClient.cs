namespace Bhrpc.Tests.EndToEnd;

/// <summary>The conventional C# contract a .NET consumer writes for the Java service.</summary>
public interface IGreeterClient
{
    string Hello(string name);

    Task<int> AddAsync(int a, int b);
}
