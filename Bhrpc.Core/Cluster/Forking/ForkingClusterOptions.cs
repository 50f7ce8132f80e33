using System.ComponentModel.DataAnnotations;

namespace Bhrpc.Cluster.Forking;

/// <summary>Settings of cluster <c>forking</c> (<c>ReferenceOptions.Cluster = new ExtensionSpec("forking", ...)</c>).</summary>
public sealed class ForkingClusterOptions
{
    /// <summary>How many distinct providers each call goes to in parallel, 1..100; default 2. Never more than the routed providers.</summary>
    [Range(1, 100)]
    public int Forks { get; set; } = 2;
}
