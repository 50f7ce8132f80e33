using System.Collections.Concurrent;
using Bhrpc.Tests.Protos;

namespace Bhrpc.Tests.Serialization.Protobuf;

/// <summary>An in-memory <see cref="ICustomerDirectory"/>.</summary>
public sealed class CustomerDirectory : ICustomerDirectory
{
    private readonly ConcurrentDictionary<long, Customer> _customers = new();

    public CustomerDirectory(params Customer[] customers)
    {
        foreach (var customer in customers)
        {
            _customers[customer.Id] = customer;
        }
    }

    public ConcurrentQueue<long> Forgotten { get; } = new();

    public Customer Rename(Customer customer, string name)
    {
        var renamed = customer.Clone();
        renamed.Name = name;
        return renamed;
    }

    public Task<CustomerPage> FindAsync(CustomerQuery query)
    {
        var matches = _customers.Values.Where(c => c.Name.StartsWith(query.NamePrefix, StringComparison.Ordinal)).OrderBy(c => c.Id).ToList();
        var page = new CustomerPage { Customers = { matches.Take(query.Limit) }, More = matches.Count > query.Limit };
        return Task.FromResult(page);
    }

    public int CountTags(Customer customer) => customer.Tags.Count;

    public Customer? Get(long id) => _customers.GetValueOrDefault(id);

    public string? Echo(string? text) => text;

    public void Forget(long id) => Forgotten.Enqueue(id);

    public Task<Customer> FailAsync(string message) => Task.FromException<Customer>(new InvalidOperationException(message));

    public DateTime Tomorrow(DateTime day) => day.AddDays(1);
}
