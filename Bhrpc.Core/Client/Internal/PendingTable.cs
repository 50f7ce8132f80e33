using System.Collections.Concurrent;
using System.Diagnostics.CodeAnalysis;

namespace Bhrpc.Client.Internal;

/// <summary>
/// The calls of one connection waiting for a response, by request id. Request ids are consecutive per connection,
/// so a call lives in slot <c>id % 1024</c> of an array, set and cleared with a compare-and-swap: adding and removing
/// take no lock and allocate nothing. A call whose slot is still held by an older call (more than 1024 requests in
/// between) goes to an overflow dictionary instead.
/// </summary>
internal sealed class PendingTable
{
    private const int Slots = 1024;
    private const int Mask = Slots - 1;

    private readonly PendingCall?[] _slots = new PendingCall?[Slots];
    private readonly ConcurrentDictionary<long, PendingCall> _overflow = new();
    private int _count;

    /// <summary>How many calls are waiting.</summary>
    public int Count => Volatile.Read(ref _count);

    /// <summary>Whether none is waiting (a call being added already counts).</summary>
    public bool IsEmpty => Count == 0;

    /// <summary>Adds <paramref name="call"/> under <paramref name="requestId"/> (which becomes its <see cref="PendingCall.RequestId"/>).</summary>
    public void Add(long requestId, PendingCall call)
    {
        call.RequestId = requestId;

        // Counted first: the table is never seen empty while a call is on its way in.
        Interlocked.Increment(ref _count);
        if (Interlocked.CompareExchange(ref _slots[requestId & Mask], call, null) is not null)
        {
            _overflow[requestId] = call;
        }
    }

    /// <summary>Removes and returns the call of <paramref name="requestId"/>; false when there is none (answered, expired or never added).</summary>
    public bool TryRemove(long requestId, [NotNullWhen(true)] out PendingCall? call)
    {
        ref var slot = ref _slots[requestId & Mask];
        var held = Volatile.Read(ref slot);
        if (held is not null && held.RequestId == requestId && ReferenceEquals(Interlocked.CompareExchange(ref slot, null, held), held))
        {
            Interlocked.Decrement(ref _count);
            call = held;
            return true;
        }

        if (!_overflow.IsEmpty && _overflow.TryRemove(requestId, out call))
        {
            Interlocked.Decrement(ref _count);
            return true;
        }

        call = null;
        return false;
    }

    /// <summary>The calls waiting now (a snapshot; each may be removed meanwhile).</summary>
    public IEnumerable<PendingCall> Snapshot()
    {
        if (IsEmpty)
        {
            yield break;
        }

        for (var i = 0; i < Slots; i++)
        {
            if (Volatile.Read(ref _slots[i]) is { } call)
            {
                yield return call;
            }
        }

        if (!_overflow.IsEmpty)
        {
            foreach (var entry in _overflow)
            {
                yield return entry.Value;
            }
        }
    }
}
