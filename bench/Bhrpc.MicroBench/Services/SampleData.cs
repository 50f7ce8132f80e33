namespace Bhrpc.MicroBench.Services;

/// <summary>The values the benchmarks send, the same in every run.</summary>
public static class SampleData
{
    /// <summary>The 16-character argument of <see cref="IBenchService.Echo"/>.</summary>
    public const string EchoText = "bhrpc-micro-16ch";

    /// <summary>A new order of 10 fields with 5 lines.</summary>
    public static Order NewOrder() => new()
    {
        Id = "ORD-2024-000123",
        Customer = "Ada Lovelace",
        Email = "ada@example.org",
        City = "London",
        Note = "leave at the door",
        Quantity = 15,
        Priority = 3,
        TotalCents = 12_345,
        CreatedAt = new DateTime(2024, 5, 17, 9, 30, 0, DateTimeKind.Utc),
        Lines = [.. Enumerable.Range(1, 5).Select(i => new OrderLine { Sku = $"SKU-{i:D4}", Count = i, PriceCents = 199 * i })],
    };

    /// <summary><see cref="NewOrder"/> as a protobuf message.</summary>
    public static Proto.OrderMessage NewOrderMessage()
    {
        var order = NewOrder();
        var message = new Proto.OrderMessage
        {
            Id = order.Id,
            Customer = order.Customer,
            Email = order.Email,
            City = order.City,
            Note = order.Note,
            Quantity = order.Quantity,
            Priority = order.Priority,
            TotalCents = order.TotalCents,
            CreatedAtUnixMs = new DateTimeOffset(order.CreatedAt).ToUnixTimeMilliseconds(),
        };
        message.Lines.AddRange(order.Lines.Select(l => new Proto.OrderLineMessage { Sku = l.Sku, Count = l.Count, PriceCents = l.PriceCents }));
        return message;
    }
}
