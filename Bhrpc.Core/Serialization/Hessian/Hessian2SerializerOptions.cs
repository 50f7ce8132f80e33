namespace Bhrpc.Serialization.Hessian;

/// <summary>Limits of the <c>hessian2</c> serializer when it reads a body.</summary>
public sealed class Hessian2SerializerOptions
{
    /// <summary>The default of <see cref="MaxDepth"/>: 64.</summary>
    public const int DefaultMaxDepth = 64;

    /// <summary>The default of <see cref="MaxClassDefinitions"/>: 1024.</summary>
    public const int DefaultMaxClassDefinitions = 1024;

    /// <summary>How deeply lists, maps and objects may nest in a body (default 64, at least 2).</summary>
    public int MaxDepth { get; init; } = DefaultMaxDepth;

    /// <summary>How many class definitions one body may hold (default 1024, at least 1).</summary>
    public int MaxClassDefinitions { get; init; } = DefaultMaxClassDefinitions;

    internal Hessian2Limits ToLimits()
    {
        if (MaxDepth < 2)
        {
            throw new ArgumentOutOfRangeException(nameof(MaxDepth), MaxDepth, "Hessian2SerializerOptions.MaxDepth must be at least 2.");
        }

        if (MaxClassDefinitions < 1)
        {
            throw new ArgumentOutOfRangeException(nameof(MaxClassDefinitions), MaxClassDefinitions, "Hessian2SerializerOptions.MaxClassDefinitions must be at least 1.");
        }

        return new Hessian2Limits(MaxDepth, MaxClassDefinitions);
    }
}
