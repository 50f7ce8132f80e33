using System.Net;
using System.Text;
using System.Text.Json;
using Bhrpc.Registry.Etcd;
using Bhrpc.Tests.Infrastructure;

namespace Bhrpc.Tests.Registry.Etcd;

/// <summary>The gateway's JSON, as etcd 3.4 writes it (answers captured from a real server); needs no etcd.</summary>
public class EtcdGatewayJsonTests
{
    private const string Header = """{"cluster_id":"2300463549280872696","member_id":"7456708742189002795","revision":"3","raft_term":"2"}""";

    [Test]
    public void ReadRange_GatewayAnswer_ReadsRevisionKeysValuesAndLeases()
    {
        var json = """{"header":{"cluster_id":"1","member_id":"2","revision":"7","raft_term":"2"},"kvs":[{"key":"L3IvYS8x","create_revision":"2","mod_revision":"2","version":"1","value":"aGVsbG8=","lease":"3471046046602181639"}],"count":"1"}""";

        var range = EtcdResponses.ReadRange(Encoding.UTF8.GetBytes(json));

        Assert.That(range.Revision, Is.EqualTo(7));
        Assert.That(range.KeyValues, Has.Count.EqualTo(1));
        Assert.That(range.KeyValues[0].Key, Is.EqualTo("/r/a/1"));
        Assert.That(range.KeyValues[0].Value, Is.EqualTo("hello"u8.ToArray()));
        Assert.That(range.KeyValues[0].Lease, Is.EqualTo(3471046046602181639));
    }

    [Test]
    public void ReadRange_NothingFound_HasNoKeys()
        => Assert.That(EtcdResponses.ReadRange(Encoding.UTF8.GetBytes($$$"""{"header":{{{Header}}}}""")).KeyValues, Is.Empty);

    [Test]
    public void ReadLeaseGrant_GatewayAnswer_ReadsIdAndTtl()
        => Assert.That(
            EtcdResponses.ReadLeaseGrant(Encoding.UTF8.GetBytes($$$"""{"header":{{{Header}}},"ID":"3471046046602181637","TTL":"5"}""")),
            Is.EqualTo((3471046046602181637L, 5L)));

    [Test]
    public void ReadKeepAliveTtl_LiveLease_IsTtl()
        => Assert.That(EtcdResponses.ReadKeepAliveTtl(Encoding.UTF8.GetBytes($$$"""{"result":{"header":{{{Header}}},"ID":"1","TTL":"5"}}""")), Is.EqualTo(5));

    [Test]
    public void ReadKeepAliveTtl_RevokedLease_IsZero()
        => Assert.That(EtcdResponses.ReadKeepAliveTtl(Encoding.UTF8.GetBytes($$$"""{"result":{"header":{{{Header}}},"ID":"1"}}""")), Is.Zero);

    [Test]
    public void ReadError_LeaseNotFound_IsNotFound()
    {
        var error = EtcdResponses.ReadError(
            """{"error":"etcdserver: requested lease not found","message":"etcdserver: requested lease not found","code":5}"""u8,
            HttpStatusCode.NotFound);

        Assert.That(error.IsNotFound, Is.True);
        Assert.That(error.IsUnavailable, Is.False);
        Assert.That(error.Message, Is.EqualTo("etcdserver: requested lease not found"));
    }

    [Test]
    public void ReadError_PlainText503FromProxy_IsUnavailable()
        => Assert.That(EtcdResponses.ReadError("upstream down"u8, HttpStatusCode.ServiceUnavailable).IsUnavailable, Is.True);

    [Test]
    public void ReadError_PlainText404_IsDefiniteAndNamesStatus()
    {
        // What an etcd older than 3.4 (gateway under /v3beta or /v3alpha) or another server answers.
        var error = EtcdResponses.ReadError("Not Found\n"u8, HttpStatusCode.NotFound);

        Assert.That(error.IsUnavailable, Is.False);
        Assert.That(error.Message, Does.Contain("404").And.Contain("Not Found"));
    }

    [Test]
    public async Task WatchStream_MessagesFedOneByteAtATime_ReadsEachInOrder()
    {
        var body = $$$"""
            {"result":{"header":{{{Header}}},"created":true}}
            {"result":{"header":{{{Header}}},"events":[{"kv":{"key":"L3IvYS8x","create_revision":"2","mod_revision":"2","version":"1","value":"aGVsbG8=","lease":"9"}},{"type":"DELETE","kv":{"key":"L3IvYS8x","mod_revision":"3"}}]}}

            {"result":{"header":{"raft_term":"2"},"canceled":true,"compact_revision":"5"}}
            """ + "\n";
        await using var stream = new EtcdWatchStream(new HttpResponseMessage(), new OneByteStream(Encoding.UTF8.GetBytes(body)), "test");

        var created = await stream.ReadAsync(CancellationToken.None).AsTask().WithTimeout();
        var events = await stream.ReadAsync(CancellationToken.None).AsTask().WithTimeout();
        var canceled = await stream.ReadAsync(CancellationToken.None).AsTask().WithTimeout();
        var end = await stream.ReadAsync(CancellationToken.None).AsTask().WithTimeout();

        Assert.That(created!.Created, Is.True);
        Assert.That(created.Events, Is.Empty);
        Assert.That(events!.Revision, Is.EqualTo(3));
        Assert.That(events.Events.Select(e => (e.IsDelete, e.KeyValue.Key, Encoding.UTF8.GetString(e.KeyValue.Value))), Is.EqualTo(new[] { (false, "/r/a/1", "hello"), (true, "/r/a/1", string.Empty) }));
        Assert.That(canceled!.Canceled, Is.True);
        Assert.That(canceled.CompactRevision, Is.EqualTo(5));
        Assert.That(end, Is.Null, "the end of the body ends the stream");
    }

    [Test]
    public async Task WatchStream_ErrorMessage_ThrowsWithItsCode()
    {
        var body = """{"error":{"grpc_code":14,"http_code":503,"message":"etcdserver: no leader","http_status":"Service Unavailable"}}""" + "\n";
        await using var stream = new EtcdWatchStream(new HttpResponseMessage(), new MemoryStream(Encoding.UTF8.GetBytes(body)), "test");

        var error = Assert.ThrowsAsync<EtcdException>(() => stream.ReadAsync(CancellationToken.None).AsTask().WithTimeout());

        Assert.That(error!.IsUnavailable, Is.True);
        Assert.That(error.Message, Is.EqualTo("etcdserver: no leader"));
    }

    [Test]
    public void WatchPrefix_Request_IsCreateRequestWithPrefixRangeAndStartRevisionAsString()
    {
        using var json = JsonDocument.Parse(EtcdRequests.WatchPrefix("/root/a#1#g/", 42));

        var create = json.RootElement.GetProperty("create_request");
        Assert.That(Encoding.UTF8.GetString(create.GetProperty("key").GetBytesFromBase64()), Is.EqualTo("/root/a#1#g/"));
        Assert.That(Encoding.UTF8.GetString(create.GetProperty("range_end").GetBytesFromBase64()), Is.EqualTo("/root/a#1#g0"));
        Assert.That(create.GetProperty("start_revision").GetString(), Is.EqualTo("42"));
    }

    [Test]
    public void Put_Request_HasBase64KeyAndValueAndLeaseAsString()
    {
        using var json = JsonDocument.Parse(EtcdRequests.Put("/r/k", [1, 2, 3], 3471046046602181639));

        Assert.That(json.RootElement.GetProperty("key").GetBytesFromBase64(), Is.EqualTo("/r/k"u8.ToArray()));
        Assert.That(json.RootElement.GetProperty("value").GetBytesFromBase64(), Is.EqualTo(new byte[] { 1, 2, 3 }));
        Assert.That(json.RootElement.GetProperty("lease").GetString(), Is.EqualTo("3471046046602181639"));
    }

    [TestCase(new byte[] { 0x2f, 0x61, 0x2f }, new byte[] { 0x2f, 0x61, 0x30 })]
    [TestCase(new byte[] { 0x61, 0xff }, new byte[] { 0x62 })]
    [TestCase(new byte[] { 0xff }, new byte[] { 0x00 })]
    public void PrefixEnd_Prefix_IsSmallestKeyAfterAllKeysWithPrefix(byte[] prefix, byte[] end)
        => Assert.That(EtcdRequests.PrefixEnd(prefix), Is.EqualTo(end));

    /// <summary>A body that arrives one byte per read, as a slow network may deliver it.</summary>
    private sealed class OneByteStream(byte[] content) : MemoryStream(content)
    {
        public override int Read(byte[] buffer, int offset, int count) => base.Read(buffer, offset, Math.Min(count, 1));

        public override int Read(Span<byte> buffer) => base.Read(buffer[..Math.Min(buffer.Length, 1)]);

        public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken)
            => base.ReadAsync(buffer, offset, Math.Min(count, 1), cancellationToken);

        public override ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
            => base.ReadAsync(buffer[..Math.Min(buffer.Length, 1)], cancellationToken);
    }
}
