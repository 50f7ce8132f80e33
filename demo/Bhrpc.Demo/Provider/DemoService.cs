using System.Threading.Channels;
using Bhrpc.Demo.Api;

namespace Bhrpc.Demo.Provider;

/// <summary>The provider's implementation of both services; <paramref name="name"/> tells the two demo providers apart.</summary>
public sealed class DemoService(string name) : IDemoService, IAuditLog
{
    /// <summary>Messages received by <see cref="Audit"/>.</summary>
    public Channel<string> Audited { get; } = Channel.CreateUnbounded<string>();

    public string Hello(string who) => $"Hello, {who}! (from {name})";

    public async Task<Order> PlaceOrderAsync(Order order)
    {
        await Task.Delay(10);
        return order with { ConfirmedBy = name };
    }

    public void Audit(string message) => Audited.Writer.TryWrite(message);

    public int Divide(int dividend, int divisor) => dividend / divisor;
}
