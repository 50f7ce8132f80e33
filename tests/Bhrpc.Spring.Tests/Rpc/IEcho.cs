namespace Bhrpc.Spring.Tests.Rpc;

/// <summary>The contract the rpc namespace tests export under several versions and groups.</summary>
public interface IEcho
{
    string Echo(string text);

    Task<string> EchoAsync(string text);
}
