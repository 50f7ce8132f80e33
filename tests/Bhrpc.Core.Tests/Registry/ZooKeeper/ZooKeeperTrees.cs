using Bhrpc.Registry.ZooKeeper.Client;

namespace Bhrpc.Tests.Registry.ZooKeeper;

/// <summary>Test helpers on whole subtrees.</summary>
internal static class ZooKeeperTrees
{
    /// <summary>Deletes <paramref name="path"/> and everything under it; a missing node is fine.</summary>
    public static async Task DeleteTreeAsync(ZooKeeperClient client, string path)
    {
        IReadOnlyList<string> children;
        try
        {
            children = await client.GetChildrenAsync(path);
        }
        catch (ZooKeeperException e) when (e.Code == ZooKeeperErrorCode.NoNode)
        {
            return;
        }

        foreach (var child in children)
        {
            await DeleteTreeAsync(client, ZooKeeperPath.Combine(path, child));
        }

        try
        {
            await client.DeleteAsync(path);
        }
        catch (ZooKeeperException e) when (e.Code == ZooKeeperErrorCode.NoNode)
        {
            // Gone meanwhile (an ephemeral whose session ended).
        }
    }
}
