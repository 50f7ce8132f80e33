namespace Bhrpc.Spring.Tests.Attributes;

/// <summary>A contract a oneway reference can call: none of its methods returns a value.</summary>
public interface IAuditLog
{
    void Audit(string message);

    Task FlushAsync();
}
