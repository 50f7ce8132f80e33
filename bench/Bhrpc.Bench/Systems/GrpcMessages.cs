using Bhrpc.Bench.Protos;
using Bhrpc.Bench.Service;
using Google.Protobuf;
using Google.Protobuf.WellKnownTypes;

namespace Bhrpc.Bench.Systems;

/// <summary>The gRPC peer's request messages, made once from <see cref="Payloads"/> and shared by every caller.</summary>
internal static class GrpcMessages
{
    /// <summary>The 16-character string of S1, S2 and S5.</summary>
    public static EchoMessage Echo { get; } = new() { Text = Payloads.Text };

    /// <summary><see cref="Payloads.Order"/> field for field.</summary>
    public static OrderMessage Order { get; } = ToMessage(Payloads.Order);

    /// <summary>The S4 payload of <paramref name="size"/> bytes (the same noise as <see cref="Payloads.Bytes"/>).</summary>
    public static BytesMessage Bytes(int size) => new() { Data = ByteString.CopyFrom(Payloads.Bytes(size)) };

    /// <summary>Whether <paramref name="echoed"/> looks like <see cref="Order"/> came back (the checks of <see cref="Payloads.IsOrder"/>).</summary>
    public static bool IsOrder(OrderMessage echoed)
        => echoed.Items.Count == Order.Items.Count && echoed.Id.Length == Order.Id.Length && echoed.Quantity == Order.Quantity;

    private static OrderMessage ToMessage(BenchOrder order)
    {
        var message = new OrderMessage
        {
            Id = order.Id,
            Customer = order.Customer,
            Email = order.Email,
            City = order.City,
            Note = order.Note,
            Quantity = order.Quantity,
            Priority = order.Priority,
            Revision = order.Revision,
            CreatedAt = Timestamp.FromDateTime(order.CreatedAt),
        };
        message.Items.AddRange(order.Items.Select(i => new ItemMessage { Sku = i.Sku, Count = i.Count, PriceCents = i.PriceCents }));
        return message;
    }
}
