namespace Bhrpc.Demo.Api;

/// <summary>The service the demo provider exports and the demo consumer calls.</summary>
public interface IDemoService
{
    /// <summary>A synchronous call: the caller blocks until the answer arrives.</summary>
    string Hello(string name);

    /// <summary>An asynchronous call: the caller awaits a task.</summary>
    Task<Order> PlaceOrderAsync(Order order);

    /// <summary>Throws on the provider when <paramref name="divisor"/> is 0.</summary>
    int Divide(int dividend, int divisor);
}

/// <summary>A record that crosses the wire.</summary>
public sealed record Order(string Id, decimal Amount, List<string> Items, DateTime PlacedAt, string? ConfirmedBy = null);
