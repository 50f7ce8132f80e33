using System.ComponentModel.DataAnnotations;

namespace Bhrpc.Boot.Tests;

/// <summary>Settings of <see cref="MarkFilter"/>.</summary>
public sealed class MarkFilterOptions
{
    /// <summary>The mark; default <c>mark</c>.</summary>
    [MinLength(1)]
    public string Text { get; set; } = "mark";

    /// <summary>How many times the mark is appended, 1..5; default 1.</summary>
    [System.ComponentModel.DataAnnotations.Range(1, 5)]
    public int Repeat { get; set; } = 1;
}
