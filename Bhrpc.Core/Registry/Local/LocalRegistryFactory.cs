using Bhrpc.Extensions;

namespace Bhrpc.Registry.Local;

/// <summary>
/// <c>local</c>: an embedded registry that needs no server. Instances are files in a folder
/// (<see cref="RegistryOptions.Address"/>, default <c>{temp}/bhrpc-registry</c>) shared by the
/// processes of one machine; a provider refreshes its files every
/// <see cref="RegistryOptions.HeartbeatInterval"/> and a file not refreshed for three intervals
/// counts as gone.
/// </summary>
[SpiClass("local")]
public sealed class LocalRegistryFactory : IRegistryFactory
{
    private readonly TimeProvider _timeProvider;

    /// <summary>Uses the system clock.</summary>
    public LocalRegistryFactory()
        : this(TimeProvider.System)
    {
    }

    internal LocalRegistryFactory(TimeProvider timeProvider)
    {
        ArgumentNullException.ThrowIfNull(timeProvider);
        _timeProvider = timeProvider;
    }

    /// <inheritdoc />
    /// <exception cref="RpcException">A setting is out of range, or the folder cannot be created.</exception>
    public IRegistry Create(RegistryOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        return new LocalRegistry(options.Clone(), _timeProvider);
    }
}
