using Bhrpc.Attributes;
using Bhrpc.Spring.Tests.Attributes;

namespace Bhrpc.Spring.Tests.Autofac;

/// <summary>A consumer component with a private [RpcReference] field.</summary>
public sealed class OrderDesk
{
    [RpcReference]
    private readonly IGreeter _greeter = null!;

    public string Greet(string name) => _greeter.Hello(name);

    public Task<string> GreetAsync(string name) => _greeter.HelloAsync(name);
}
