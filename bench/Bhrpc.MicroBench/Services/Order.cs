namespace Bhrpc.MicroBench.Services;

/// <summary>The 10-field object of the object payload: strings, ints, a <see cref="DateTime"/> and a list of five small objects.</summary>
public sealed class Order
{
    /// <summary>Order id.</summary>
    public string Id { get; set; } = string.Empty;

    /// <summary>Customer name.</summary>
    public string Customer { get; set; } = string.Empty;

    /// <summary>Customer e-mail.</summary>
    public string Email { get; set; } = string.Empty;

    /// <summary>Shipping city.</summary>
    public string City { get; set; } = string.Empty;

    /// <summary>Free-text note.</summary>
    public string Note { get; set; } = string.Empty;

    /// <summary>Total quantity.</summary>
    public int Quantity { get; set; }

    /// <summary>Priority, 0..9.</summary>
    public int Priority { get; set; }

    /// <summary>Total in cents.</summary>
    public int TotalCents { get; set; }

    /// <summary>When the order was placed.</summary>
    public DateTime CreatedAt { get; set; }

    /// <summary>The lines.</summary>
    public List<OrderLine> Lines { get; set; } = [];
}
