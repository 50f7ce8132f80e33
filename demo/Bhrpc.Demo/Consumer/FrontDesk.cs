using Bhrpc.Demo.Api;
using Bhrpc.Attributes;

namespace Bhrpc.Demo.Consumer;

/// <summary>An ordinary class whose private field receives a client proxy from whatever container creates it (XML context or Autofac).</summary>
public sealed class FrontDesk
{
    [RpcReference(Version = "1.0.0")]
    private readonly IDemoService _demo = null!;

    public string Greet(string who) => _demo.Hello(who);
}
