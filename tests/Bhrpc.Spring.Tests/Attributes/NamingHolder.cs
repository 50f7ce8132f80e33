using Bhrpc.Attributes;
using Bhrpc.Metadata;

namespace Bhrpc.Spring.Tests.Attributes;

/// <summary>Two references that differ only in how they name methods on the wire.</summary>
public sealed class NamingHolder
{
    [RpcReference]
    private readonly IGreeter _asDeclared = null!;

    [RpcReference(MethodNaming = MethodNaming.CamelCase)]
    private readonly IGreeter _camelCase = null!;

    public IGreeter AsDeclared => _asDeclared;

    public IGreeter CamelCase => _camelCase;
}
