using Bhrpc.Registry;

namespace Bhrpc.Client.Internal;

/// <summary>Where a reference finds its providers: a registry or a fixed list of direct addresses.</summary>
internal interface IProviderSource
{
    /// <summary>For messages, for example <c>local:///tmp/bhrpc-registry</c> or <c>direct://127.0.0.1:27110</c>.</summary>
    string Description { get; }

    ValueTask<IReadOnlyList<ServiceInstance>> GetAsync(CancellationToken cancellationToken);

    /// <summary>
    /// Calls <paramref name="onChange"/> with the current list as soon as it is known (at once when it is) and again
    /// with every new list, never concurrently; starts looking the providers up if nothing has yet. Dispose the
    /// result to stop.
    /// </summary>
    IDisposable Subscribe(Action<IReadOnlyList<ServiceInstance>> onChange);
}
