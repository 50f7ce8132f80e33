using System.Runtime.CompilerServices;

namespace Bhrpc.MicroBench.Services;

/// <summary>
/// Does no work, so that a benchmark measures the framework around the call. Its methods are
/// never inlined, so a direct call costs a real call, as a service method called over RPC would.
/// </summary>
public sealed class BenchService : IBenchService
{
    /// <inheritdoc />
    [MethodImpl(MethodImplOptions.NoInlining)]
    public string Echo(string text) => text;

    /// <inheritdoc />
    [MethodImpl(MethodImplOptions.NoInlining)]
    public Task<int> AddAsync(int a, int b) => Task.FromResult(a + b);

    /// <inheritdoc />
    [MethodImpl(MethodImplOptions.NoInlining)]
    public Order Submit(Order order) => order;

    /// <inheritdoc />
    [MethodImpl(MethodImplOptions.NoInlining)]
    public Proto.OrderMessage SubmitMessage(Proto.OrderMessage order) => order;
}
