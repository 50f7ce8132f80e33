namespace Bhrpc.Demo.Api;

/// <summary>
/// Called through a oneway reference: sent, never answered. A oneway reference's methods return nothing
/// (<c>void</c>, <c>Task</c> or <c>ValueTask</c>), so it gets an interface of its own.
/// </summary>
public interface IAuditLog
{
    /// <summary>Records <paramref name="message"/>; the caller does not wait for the provider.</summary>
    void Audit(string message);
}
