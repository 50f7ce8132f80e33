namespace Bhrpc.Spring.Context;

/// <summary>Where a definition or value came from: a file path or <c>assembly://</c> location, line and column.</summary>
/// <param name="Resource">The file path or <c>assembly://</c> location.</param>
/// <param name="Line">One-based line, or 0 when unknown.</param>
/// <param name="Column">One-based column, or 0 when unknown.</param>
public sealed record SourceLocation(string Resource, int Line, int Column)
{
    /// <inheritdoc />
    public override string ToString() => Line > 0 ? $"{Resource}:{Line}:{Column}" : Resource;
}
