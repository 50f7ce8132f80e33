using System.ComponentModel.DataAnnotations;

namespace Bhrpc.Spring.Tests.Pipeline;

/// <summary>The settings of <see cref="StampFilter"/>: a label (required) and how many times it is written.</summary>
public sealed class StampFilterOptions
{
    [Required]
    public string? Label { get; set; }

    [System.ComponentModel.DataAnnotations.Range(1, 5)]
    public int Times { get; set; } = 1;
}
