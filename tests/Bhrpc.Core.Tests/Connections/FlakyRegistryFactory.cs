using Bhrpc.Registry;

namespace Bhrpc.Tests.Connections;

/// <summary>Hands out one <see cref="FlakyRegistry"/>, so that the test holds the registry its client uses.</summary>
internal sealed class FlakyRegistryFactory(FlakyRegistry registry) : IRegistryFactory
{
    public IRegistry Create(RegistryOptions options) => registry;
}
