using Bhrpc.Metadata;

namespace Bhrpc.Tests.EndToEnd;

/// <summary><see cref="IGreeterClient"/> with the one name that camel-casing cannot produce given explicitly.</summary>
public interface IGreeterClientWithPortableName
{
    string Hello(string name);

    [PortableName("add")]
    Task<int> AddAsync(int a, int b);
}
