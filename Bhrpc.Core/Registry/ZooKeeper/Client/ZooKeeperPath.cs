namespace Bhrpc.Registry.ZooKeeper.Client;

/// <summary>ZooKeeper's rules for node paths.</summary>
internal static class ZooKeeperPath
{
    /// <summary>Throws unless <paramref name="path"/> is absolute, has no empty, <c>.</c> or <c>..</c> segment, no trailing <c>/</c> and no NUL.</summary>
    public static void Validate(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        if (path.Length == 0 || path[0] != '/')
        {
            throw new ArgumentException($"a ZooKeeper path must start with '/'; got '{path}'.", nameof(path));
        }

        if (path.Length == 1)
        {
            return;
        }

        if (path.Contains('\0', StringComparison.Ordinal))
        {
            throw new ArgumentException($"a ZooKeeper path must not contain NUL; got '{path.Replace("\0", "\\0", StringComparison.Ordinal)}'.", nameof(path));
        }

        foreach (var segment in path[1..].Split('/'))
        {
            if (segment is "" or "." or "..")
            {
                throw new ArgumentException($"a ZooKeeper path must not have an empty, '.' or '..' segment or end with '/'; got '{path}'.", nameof(path));
            }
        }
    }

    /// <summary><paramref name="parent"/>/<paramref name="child"/>, where the root's children are <c>/child</c>.</summary>
    public static string Combine(string parent, string child) => parent == "/" ? "/" + child : parent + "/" + child;

    /// <summary>The ancestors of <paramref name="path"/>, outermost first, without the root: <c>/a/b/c</c> gives <c>/a</c>, <c>/a/b</c>.</summary>
    public static IEnumerable<string> Ancestors(string path)
    {
        for (var slash = path.IndexOf('/', 1); slash > 0; slash = path.IndexOf('/', slash + 1))
        {
            yield return path[..slash];
        }
    }
}
