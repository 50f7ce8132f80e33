using Bhrpc.Attributes;
using Bhrpc.Spring.Tests.Attributes;

namespace Bhrpc.Spring.Tests.Rpc;

/// <summary>A plain XML-defined object whose private field is set by <c>&lt;rpc:annotation-driven&gt;</c>.</summary>
public sealed class GreeterClient
{
    // The test assembly's [RpcService] CustomGreeter is greeter#2.0.0#blue; the group comes from <rpc:consumer>.
    [RpcReference(ServiceName = "greeter", Version = "2.0.0")]
    private readonly IGreeter _greeter = null!;

    public string Call(string text) => _greeter.Hello(text);

    public Task<string> CallAsync(string text) => _greeter.HelloAsync(text);
}
