namespace Bhrpc.Server.Internal;

/// <summary>A method name and portable parameter types, compared by value: looks a method up without building its signature string.</summary>
internal readonly struct MethodKey(string name, string[] parameterTypes) : IEquatable<MethodKey>
{
    public string Name => name;

    public string[] ParameterTypes => parameterTypes;

    public bool Equals(MethodKey other)
    {
        if (!string.Equals(name, other.Name, StringComparison.Ordinal) || parameterTypes.Length != other.ParameterTypes.Length)
        {
            return false;
        }

        for (var i = 0; i < parameterTypes.Length; i++)
        {
            if (!string.Equals(parameterTypes[i], other.ParameterTypes[i], StringComparison.Ordinal))
            {
                return false;
            }
        }

        return true;
    }

    public override bool Equals(object? obj) => obj is MethodKey other && Equals(other);

    public override int GetHashCode()
    {
        var hash = new HashCode();
        hash.Add(name, StringComparer.Ordinal);
        foreach (var type in parameterTypes)
        {
            hash.Add(type, StringComparer.Ordinal);
        }

        return hash.ToHashCode();
    }
}
