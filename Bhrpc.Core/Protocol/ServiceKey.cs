namespace Bhrpc.Protocol;

/// <summary>Builds service keys: <c>{serviceName}#{version}#{group}</c>.</summary>
public static class ServiceKey
{
    /// <summary>The version used when none is configured.</summary>
    public const string DefaultVersion = "1.0.0";

    /// <summary>Builds the key that names a service in the registry and in a provider's dispatch table.</summary>
    public static string Build(string serviceName, string? version, string? group)
    {
        ArgumentException.ThrowIfNullOrEmpty(serviceName);
        return string.Concat(serviceName, "#", string.IsNullOrEmpty(version) ? DefaultVersion : version, "#", group ?? string.Empty);
    }
}
