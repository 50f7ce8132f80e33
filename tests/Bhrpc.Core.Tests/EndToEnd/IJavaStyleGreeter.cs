using Bhrpc.Metadata;

namespace Bhrpc.Tests.EndToEnd;

/// <summary>
/// Stands in for a Java provider: its methods go on the wire as Java names them (<c>hello</c>, <c>add</c>), and
/// as explicit portable names they answer to nothing else.
/// </summary>
public interface IJavaStyleGreeter
{
    /// <summary>The Java service name.</summary>
    public const string ServiceName = "io.binghe.rpc.demo.GreeterService";

    [PortableName("hello")]
    string Hello(string name);

    [PortableName("add")]
    int Add(int a, int b);
}
