namespace Bhrpc.Spring.Tests.Attributes;

/// <summary>The contract the attribute and Autofac tests export and call.</summary>
public interface IGreeter
{
    string Hello(string name);

    Task<string> HelloAsync(string name);
}
