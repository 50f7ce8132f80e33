namespace Bhrpc.Registry.ZooKeeper.Client;

/// <summary>The requests. Each waits for a connection (see <see cref="ZooKeeperClientOptions.ConnectTimeout"/>) and fails with a <see cref="ZooKeeperException"/>.</summary>
internal sealed partial class ZooKeeperClient
{
    /// <summary>ZooKeeper's <c>Perms.ALL</c>: read, write, create, delete, admin.</summary>
    private const int AllPermissions = 31;

    /// <summary>Creates a node open to everyone (<c>world:anyone</c>); returns its path.</summary>
    /// <exception cref="ZooKeeperException"><see cref="ZooKeeperErrorCode.NodeExists"/>, <see cref="ZooKeeperErrorCode.NoNode"/> (no parent), …</exception>
    public async Task<string> CreateAsync(string path, ReadOnlyMemory<byte> data, ZooKeeperCreateMode mode, CancellationToken cancellationToken = default)
    {
        ZooKeeperPath.Validate(path);
        var reply = await CallAsync(ZooKeeperOpCode.Create, path, writer =>
        {
            writer.WriteString(path);
            writer.WriteBuffer(data.Span);
            writer.WriteInt32(1);
            writer.WriteInt32(AllPermissions);
            writer.WriteString("world");
            writer.WriteString("anyone");
            writer.WriteInt32((int)mode);
        }, null, cancellationToken).ConfigureAwait(false);
        ThrowIfError(reply, path);
        return new JuteReader(reply.Body).ReadString() ?? path;
    }

    /// <summary>Deletes a node; version -1 matches any version.</summary>
    /// <exception cref="ZooKeeperException"><see cref="ZooKeeperErrorCode.NoNode"/>, <see cref="ZooKeeperErrorCode.NotEmpty"/>, …</exception>
    public async Task DeleteAsync(string path, int version = -1, CancellationToken cancellationToken = default)
    {
        ZooKeeperPath.Validate(path);
        var reply = await CallAsync(ZooKeeperOpCode.Delete, path, writer =>
        {
            writer.WriteString(path);
            writer.WriteInt32(version);
        }, null, cancellationToken).ConfigureAwait(false);
        ThrowIfError(reply, path);
    }

    /// <summary>The node's stat, or null when it does not exist; with a watcher, watches its creation, change or deletion.</summary>
    public async Task<ZooKeeperStat?> ExistsAsync(string path, IZooKeeperWatcher? watcher = null, CancellationToken cancellationToken = default)
    {
        ZooKeeperPath.Validate(path);
        var reply = await CallAsync(ZooKeeperOpCode.Exists, path, writer =>
        {
            writer.WriteString(path);
            writer.WriteBool(watcher is not null);
        }, watcher, cancellationToken).ConfigureAwait(false);
        if (reply.Error == ZooKeeperErrorCode.NoNode)
        {
            return null;
        }

        ThrowIfError(reply, path);
        return new JuteReader(reply.Body).ReadStat();
    }

    /// <summary>The node's value and stat; with a watcher, watches its change or deletion.</summary>
    /// <exception cref="ZooKeeperException"><see cref="ZooKeeperErrorCode.NoNode"/>, …</exception>
    public async Task<ZooKeeperNodeData> GetDataAsync(string path, IZooKeeperWatcher? watcher = null, CancellationToken cancellationToken = default)
    {
        ZooKeeperPath.Validate(path);
        var reply = await CallAsync(ZooKeeperOpCode.GetData, path, writer =>
        {
            writer.WriteString(path);
            writer.WriteBool(watcher is not null);
        }, watcher, cancellationToken).ConfigureAwait(false);
        ThrowIfError(reply, path);
        var reader = new JuteReader(reply.Body);
        var data = reader.ReadBuffer();
        return new ZooKeeperNodeData(data, reader.ReadStat());
    }

    /// <summary>Replaces the node's value; version -1 matches any version.</summary>
    /// <exception cref="ZooKeeperException"><see cref="ZooKeeperErrorCode.NoNode"/>, <see cref="ZooKeeperErrorCode.BadVersion"/>, …</exception>
    public async Task<ZooKeeperStat> SetDataAsync(string path, ReadOnlyMemory<byte> data, int version = -1, CancellationToken cancellationToken = default)
    {
        ZooKeeperPath.Validate(path);
        var reply = await CallAsync(ZooKeeperOpCode.SetData, path, writer =>
        {
            writer.WriteString(path);
            writer.WriteBuffer(data.Span);
            writer.WriteInt32(version);
        }, null, cancellationToken).ConfigureAwait(false);
        ThrowIfError(reply, path);
        return new JuteReader(reply.Body).ReadStat();
    }

    /// <summary>The names of the node's children (unordered); with a watcher, watches their list and the node's deletion.</summary>
    /// <exception cref="ZooKeeperException"><see cref="ZooKeeperErrorCode.NoNode"/>, …</exception>
    public async Task<IReadOnlyList<string>> GetChildrenAsync(string path, IZooKeeperWatcher? watcher = null, CancellationToken cancellationToken = default)
    {
        ZooKeeperPath.Validate(path);
        var reply = await CallAsync(ZooKeeperOpCode.GetChildren, path, writer =>
        {
            writer.WriteString(path);
            writer.WriteBool(watcher is not null);
        }, watcher, cancellationToken).ConfigureAwait(false);
        ThrowIfError(reply, path);
        return new JuteReader(reply.Body).ReadStringVector();
    }

    private static void ThrowIfError(ZooKeeperReply reply, string path)
    {
        if (reply.Error != ZooKeeperErrorCode.Ok)
        {
            throw ZooKeeperException.FromReply(reply.Error, path);
        }
    }

    private async Task<ZooKeeperReply> CallAsync(ZooKeeperOpCode op, string path, Action<JuteWriter> writeBody, IZooKeeperWatcher? watcher, CancellationToken cancellationToken)
    {
        var connection = await GetConnectionAsync(cancellationToken).ConfigureAwait(false);
        return await connection.SendAsync(NextXid(), op, path, writeBody, watcher, cancellationToken).ConfigureAwait(false);
    }
}
