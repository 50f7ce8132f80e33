namespace Bhrpc.Registry.Etcd;

/// <summary>The etcd calls the registry makes.</summary>
internal sealed partial class EtcdClient
{
    /// <summary>Grants a lease of <paramref name="ttlSeconds"/> and returns its id.</summary>
    public async Task<long> GrantLeaseAsync(long ttlSeconds, CancellationToken cancellationToken)
    {
        var answer = await PostAsync("/v3/lease/grant", EtcdRequests.LeaseGrant(ttlSeconds), cancellationToken).ConfigureAwait(false);
        return EtcdResponses.ReadLeaseGrant(answer).Id;
    }

    /// <summary>Renews a lease once; returns the TTL it now has, 0 when etcd no longer knows it (expired or revoked).</summary>
    public async Task<long> KeepAliveAsync(long leaseId, CancellationToken cancellationToken)
    {
        var answer = await PostAsync("/v3/lease/keepalive", EtcdRequests.LeaseId(leaseId), cancellationToken).ConfigureAwait(false);
        return EtcdResponses.ReadKeepAliveTtl(answer);
    }

    /// <summary>Revokes a lease: every key bound to it is deleted.</summary>
    public Task RevokeLeaseAsync(long leaseId, CancellationToken cancellationToken)
        => PostAsync("/v3/lease/revoke", EtcdRequests.LeaseId(leaseId), cancellationToken);

    /// <summary>Writes <paramref name="key"/>, bound to <paramref name="leaseId"/> (0: no lease).</summary>
    /// <exception cref="EtcdException"><see cref="EtcdException.IsNotFound"/> when the lease does not exist.</exception>
    public Task PutAsync(string key, byte[] value, long leaseId, CancellationToken cancellationToken)
        => PostAsync("/v3/kv/put", EtcdRequests.Put(key, value, leaseId), cancellationToken);

    /// <summary>Deletes <paramref name="key"/> (nothing happens when it does not exist).</summary>
    public Task DeleteAsync(string key, CancellationToken cancellationToken)
        => PostAsync("/v3/kv/deleterange", EtcdRequests.Delete(key), cancellationToken);

    /// <summary>Reads every key that starts with <paramref name="prefix"/>, in key order.</summary>
    public async Task<EtcdRange> RangeAsync(string prefix, CancellationToken cancellationToken)
    {
        var answer = await PostAsync("/v3/kv/range", EtcdRequests.RangePrefix(prefix), cancellationToken).ConfigureAwait(false);
        return EtcdResponses.ReadRange(answer);
    }

    /// <summary>
    /// Starts watching every key that starts with <paramref name="prefix"/>, from
    /// <paramref name="startRevision"/> on; the stream lives until it is disposed or the connection ends.
    /// </summary>
    public async Task<EtcdWatchStream> WatchAsync(string prefix, long startRevision, CancellationToken cancellationToken)
    {
        var (response, endpoint) = await SendAsync("/v3/watch", EtcdRequests.WatchPrefix(prefix, startRevision), HttpCompletionOption.ResponseHeadersRead, cancellationToken).ConfigureAwait(false);
        try
        {
            var body = await response.Content.ReadAsStreamAsync(cancellationToken).ConfigureAwait(false);
            return new EtcdWatchStream(response, body, endpoint);
        }
        catch
        {
            response.Dispose();
            throw;
        }
    }
}
