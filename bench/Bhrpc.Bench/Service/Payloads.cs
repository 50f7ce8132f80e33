namespace Bhrpc.Bench.Service;

/// <summary>The arguments the scenarios send, made once and shared by every caller.</summary>
internal static class Payloads
{
    /// <summary>The 16-character string of S1, S2 and S5.</summary>
    public const string Text = "bhrpc.NET bench!";

    private static readonly Lock s_lock = new();
    private static readonly Dictionary<int, byte[]> s_bytes = [];

    /// <summary>A fixed S3 order.</summary>
    public static BenchOrder Order { get; } = CreateOrder();

    /// <summary>A fixed array of <paramref name="size"/> bytes of noise (so it does not compress to nothing).</summary>
    public static byte[] Bytes(int size)
    {
        lock (s_lock)
        {
            if (!s_bytes.TryGetValue(size, out var bytes))
            {
                bytes = new byte[size];
                new Random(size).NextBytes(bytes);
                s_bytes[size] = bytes;
            }

            return bytes;
        }
    }

    /// <summary>Whether <paramref name="echoed"/> looks like <see cref="Order"/> came back (cheap, allocation-free).</summary>
    public static bool IsOrder(BenchOrder? echoed)
        => echoed is not null && echoed.Items.Count == Order.Items.Count && echoed.Id.Length == Order.Id.Length && echoed.Quantity == Order.Quantity;

    private static BenchOrder CreateOrder() => new()
    {
        Id = "ord-2024-000042",
        Customer = "Ada Lovelace",
        Email = "ada@example.org",
        City = "London",
        Note = "leave at the door",
        Quantity = 5,
        Priority = 2,
        Revision = 7,
        CreatedAt = new DateTime(2024, 5, 17, 9, 30, 0, DateTimeKind.Utc),
        Items =
        [
            new BenchItem { Sku = "SKU-1001", Count = 1, PriceCents = 1999 },
            new BenchItem { Sku = "SKU-1002", Count = 2, PriceCents = 450 },
            new BenchItem { Sku = "SKU-1003", Count = 1, PriceCents = 12500 },
            new BenchItem { Sku = "SKU-1004", Count = 3, PriceCents = 99 },
            new BenchItem { Sku = "SKU-1005", Count = 1, PriceCents = 3000 },
        ],
    };
}
