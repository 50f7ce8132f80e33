using System.Reflection;

namespace Bhrpc.Boot.Internal;

/// <summary>What the <see cref="BhrpcBuilder"/> calls declared; one per service collection.</summary>
internal sealed class BhrpcState
{
    public List<ServiceDeclaration> Services { get; } = [];

    public Dictionary<string, ReferenceDeclaration> References { get; } = new(StringComparer.OrdinalIgnoreCase);

    public HashSet<Assembly> ScannedAssemblies { get; } = [];

    /// <summary>Problems found while registering (a configured reference whose interface cannot be loaded); reported when the host starts.</summary>
    public List<RpcException> Deferred { get; } = [];
}
