using Bhrpc.Extensions;

namespace Bhrpc.Invocation;

/// <summary>
/// Extension point <c>filter</c>: code around every call of a reference (consumer) or of a service (provider).
/// A filter gets the invocation and the rest of the chain; it may change the invocation (attachments), call
/// <c>next</c> (or not, and answer itself), and see or replace the outcome. Mark the class
/// <see cref="SpiClassAttribute"/> with its name and <see cref="RpcFilterAttribute"/> with its side and order; give
/// it a constructor taking an <see cref="ExtensionContext"/> to read its settings. One instance is made per
/// reference or exported service that lists it, so it may keep per-reference state; it is called concurrently.
/// </summary>
[Spi(null)]
public interface IRpcFilter
{
    /// <summary>Runs around the rest of the chain. Return failures as <see cref="RpcResult.FromException"/>.</summary>
    ValueTask<RpcResult> InvokeAsync(RpcInvocation invocation, RpcInvocationDelegate next);
}
