namespace Bhrpc.Registry.ZooKeeper.Client;

/// <summary>A ZooKeeper request failed: the server answered with an error, or the connection or session was lost.</summary>
internal sealed class ZooKeeperException : Exception
{
    public ZooKeeperException(ZooKeeperErrorCode code, string? path, string message, Exception? innerException = null)
        : base(message, innerException)
    {
        Code = code;
        Path = path;
    }

    /// <summary>What went wrong.</summary>
    public ZooKeeperErrorCode Code { get; }

    /// <summary>The node the request named, when it named one.</summary>
    public string? Path { get; }

    /// <summary>True when the request may not have reached the server, or the session is gone: worth repeating once connected again.</summary>
    public bool IsConnectionProblem => Code is ZooKeeperErrorCode.ConnectionLoss or ZooKeeperErrorCode.SessionExpired
        or ZooKeeperErrorCode.SessionMoved or ZooKeeperErrorCode.OperationTimeout;

    /// <summary>The exception for an error reply to a request on <paramref name="path"/>.</summary>
    public static ZooKeeperException FromReply(ZooKeeperErrorCode code, string? path)
        => new(code, path, path is null ? $"ZooKeeper answered {code} ({(int)code})." : $"ZooKeeper answered {code} ({(int)code}) for '{path}'.");
}
