namespace Bhrpc.Registry;

/// <summary>Compares instance lists the way a watch must: the same instances, in any order.</summary>
internal static class InstanceLists
{
    public static bool Same(IReadOnlyList<ServiceInstance>? a, IReadOnlyList<ServiceInstance> b)
    {
        if (a is null || a.Count != b.Count)
        {
            return false;
        }

        var seen = new HashSet<ServiceInstance>(a);
        foreach (var instance in b)
        {
            if (!seen.Contains(instance))
            {
                return false;
            }
        }

        return true;
    }
}
