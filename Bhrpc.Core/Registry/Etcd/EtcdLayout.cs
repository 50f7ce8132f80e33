using Microsoft.Extensions.Logging;

namespace Bhrpc.Registry.Etcd;

/// <summary>
/// Where the registry keeps instances in etcd: <c>{root}/{serviceKey}/{instanceId}</c>, the value
/// being Curator's node JSON (<see cref="CuratorInstanceJson"/>), as in the ZooKeeper layout.
/// </summary>
internal static class EtcdLayout
{
    /// <summary>The prefix of every instance key of <paramref name="serviceKey"/>, with its trailing slash.</summary>
    public static string ServicePrefix(string root, string serviceKey)
        => root == "/" ? $"/{serviceKey}/" : $"{root}/{serviceKey}/";

    /// <summary>The key of one instance.</summary>
    public static string InstanceKey(string root, string serviceKey, string instanceId)
        => ServicePrefix(root, serviceKey) + instanceId;

    /// <summary>The instance stored in <paramref name="keyValue"/>, or null (logged) when the value is not a registry node.</summary>
    public static ServiceInstance? TryRead(EtcdKeyValue keyValue, ILogger logger, string registry)
    {
        try
        {
            return CuratorInstanceJson.Read(keyValue.Value);
        }
        catch (FormatException e)
        {
            EtcdLog.MalformedValue(logger, keyValue.Key, registry, e.Message);
            return null;
        }
    }

    /// <summary>The instances in <paramref name="keyValues"/>, in key order, malformed values skipped (logged).</summary>
    public static IReadOnlyList<ServiceInstance> ReadAll(IReadOnlyList<EtcdKeyValue> keyValues, ILogger logger, string registry)
    {
        var instances = new List<ServiceInstance>(keyValues.Count);
        foreach (var keyValue in keyValues)
        {
            if (TryRead(keyValue, logger, registry) is { } instance)
            {
                instances.Add(instance);
            }
        }

        return instances.AsReadOnly();
    }
}
