using Bhrpc.Client.Internal;
using Bhrpc.Metadata;

namespace Bhrpc.Tests.Connections;

/// <summary>The lock-free table of a connection's calls waiting for a response.</summary>
public sealed class PendingTableTests
{
    private static readonly MethodDescriptor s_method = ServiceDescriptor.For(typeof(ITable)).ByMethod[typeof(ITable).GetMethod(nameof(ITable.GetAsync))!];

    public interface ITable
    {
        Task<string> GetAsync(string key);
    }

    [Test]
    public void AddThenRemove_ReturnsTheCallOnceAndEmptiesTheTable()
    {
        var table = new PendingTable();
        var call = NewCall();

        table.Add(7, call);

        Assert.That(table.Count, Is.EqualTo(1));
        Assert.That(table.TryRemove(7, out var removed), Is.True);
        Assert.That(removed, Is.SameAs(call));
        Assert.That(table.TryRemove(7, out _), Is.False, "a second response for the same id");
        Assert.That(table.IsEmpty, Is.True);
    }

    [Test]
    public void SlotStillHeldByAnOlderCall_TheNewerGoesToTheOverflowAndBothAreFound()
    {
        var table = new PendingTable();
        var older = NewCall();
        var newer = NewCall();

        table.Add(5, older);
        table.Add(5 + 1024, newer);

        Assert.That(table.Snapshot(), Is.EquivalentTo(new[] { older, newer }));
        Assert.That(table.TryRemove(5 + 1024, out var second), Is.True);
        Assert.That(second, Is.SameAs(newer));
        Assert.That(table.TryRemove(5, out var first), Is.True);
        Assert.That(first, Is.SameAs(older));
        Assert.That(table.IsEmpty, Is.True);
    }

    [Test]
    public void StaleId_DoesNotRemoveTheCallNowInItsSlot()
    {
        var table = new PendingTable();
        table.Add(3, NewCall());
        Assert.That(table.TryRemove(3, out _), Is.True);
        var current = NewCall();
        table.Add(3 + 1024, current);

        Assert.That(table.TryRemove(3, out _), Is.False, "a late response for the id that used the slot before");
        Assert.That(table.Snapshot().Single(), Is.SameAs(current));
    }

    [Test]
    public async Task ConcurrentAddsAndRemoves_LoseNothing()
    {
        var table = new PendingTable();
        var next = 0L;
        var removed = 0;
        const int perWorker = 20_000;

        // Four workers each add a call and remove an earlier one; ids are consecutive as on a connection.
        await Task.WhenAll(Enumerable.Range(0, 4).Select(worker => Task.Run(() =>
        {
            var mine = new Queue<long>();
            for (var i = 0; i < perWorker; i++)
            {
                var id = Interlocked.Increment(ref next);
                table.Add(id, NewCall());
                mine.Enqueue(id);
                if (mine.Count > 100 && table.TryRemove(mine.Dequeue(), out _))
                {
                    Interlocked.Increment(ref removed);
                }
            }

            while (mine.Count > 0)
            {
                if (table.TryRemove(mine.Dequeue(), out _))
                {
                    Interlocked.Increment(ref removed);
                }
            }
        })));

        Assert.That(removed, Is.EqualTo(4 * perWorker));
        Assert.That(table.IsEmpty, Is.True);
        Assert.That(table.Snapshot(), Is.Empty);
    }

    private static AsyncPendingCall<string> NewCall() => new(s_method, "test.ITable#1.0.0#");
}
