using Bhrpc.Extensions;

namespace Bhrpc.Registry;

/// <summary>Extension point <c>registry</c>: makes a registry from <see cref="RegistryOptions"/>.</summary>
[Spi("local")]
public interface IRegistryFactory
{
    /// <summary>Makes a registry; the caller owns and disposes it.</summary>
    IRegistry Create(RegistryOptions options);
}
