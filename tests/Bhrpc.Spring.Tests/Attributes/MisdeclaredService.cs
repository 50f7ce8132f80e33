using Bhrpc.Attributes;

namespace Bhrpc.Spring.Tests.Attributes;

/// <summary>Names an interface it does not implement; abstract, so assembly scans skip it.</summary>
[RpcService(typeof(IGreeter))]
public abstract class MisdeclaredService
{
}
