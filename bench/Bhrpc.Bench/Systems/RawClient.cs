using Bhrpc.Bench.Measurement;
using Bhrpc.Bench.Scenarios;

namespace Bhrpc.Bench.Systems;

/// <summary>Raw connections for one scenario; caller <c>i</c> owns slot <c>i / Connections</c> of connection <c>i % Connections</c>.</summary>
internal sealed class RawClient(Scenario scenario, IReadOnlyList<RawConnection> connections, byte[] body) : IBenchClient
{
    // Slots past the callers' are free for the one checking call per connection.
    private const int CheckSlot = (1 << RawConnection.SlotBits) - 1;

    public ICaller CreateCaller(int index)
    {
        var call = connections[scenario.ConnectionOf(index)].Register(index / scenario.Connections, body);
        var length = body.Length;
        return new Caller<int>(call.InvokeAsync, echoed => echoed == length, $"raw echo of {length} bytes");
    }

    /// <summary>One echo on each connection.</summary>
    public async Task CheckAsync(CancellationToken cancellationToken)
    {
        foreach (var connection in connections)
        {
            var echoed = await connection.Register(CheckSlot, body).InvokeAsync().AsTask().WaitAsync(cancellationToken).ConfigureAwait(false);
            if (echoed != body.Length)
            {
                throw new InvalidDataException($"raw check: sent {body.Length} bytes, {echoed} came back.");
            }
        }
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var connection in connections)
        {
            await connection.DisposeAsync().ConfigureAwait(false);
        }
    }
}
