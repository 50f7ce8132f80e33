using System.ComponentModel.DataAnnotations;

namespace Bhrpc.Boot.Tests;

/// <summary>Settings of <see cref="ZoneRouter"/>.</summary>
public sealed class ZoneRouterOptions
{
    /// <summary>The host prefix the kept providers have; required.</summary>
    [Required]
    public string? Prefix { get; set; }
}
