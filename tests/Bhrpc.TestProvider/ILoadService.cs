using Bhrpc.Metadata;

namespace Bhrpc.TestProvider;

/// <summary>The service the fault tests load: one idempotent method and one that is not.</summary>
public interface ILoadService
{
    /// <summary>Returns <paramref name="value"/>; safe to repeat, so a retrying cluster may send it again after a timeout or a lost connection.</summary>
    [Idempotent]
    Task<int> ReadAsync(int value);

    /// <summary>Returns <paramref name="value"/>; not marked idempotent, so it is retried only when it never reached a provider.</summary>
    Task<int> WriteAsync(int value);
}
