namespace Bhrpc.Serialization.Hessian;

/// <summary>Bounds a reader enforces on one body; a violation fails that call only.</summary>
/// <param name="MaxDepth">How deeply lists, maps and objects may nest.</param>
/// <param name="MaxClassDefinitions">How many class definitions one body may hold.</param>
internal sealed record Hessian2Limits(int MaxDepth, int MaxClassDefinitions)
{
    public static Hessian2Limits Default { get; } = new(Hessian2SerializerOptions.DefaultMaxDepth, Hessian2SerializerOptions.DefaultMaxClassDefinitions);
}
