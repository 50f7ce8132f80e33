using Bhrpc.Registry;

namespace Bhrpc.Client.Internal;

/// <summary>Where a reference finds its providers: a registry or a fixed list of direct addresses.</summary>
internal interface IProviderSource
{
    /// <summary>For messages, for example <c>local:///tmp/bhrpc-registry</c> or <c>direct://127.0.0.1:27110</c>.</summary>
    string Description { get; }

    ValueTask<IReadOnlyList<ServiceInstance>> GetAsync(CancellationToken cancellationToken);
}
