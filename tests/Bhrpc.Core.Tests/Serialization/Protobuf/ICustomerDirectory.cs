using Bhrpc.Tests.Protos;

namespace Bhrpc.Tests.Serialization.Protobuf;

/// <summary>A service over generated protobuf messages, strings and numbers, called through the <c>protobuf</c> serializer.</summary>
public interface ICustomerDirectory
{
    Customer Rename(Customer customer, string name);

    Task<CustomerPage> FindAsync(CustomerQuery query);

    int CountTags(Customer customer);

    Customer? Get(long id);

    string? Echo(string? text);

    void Forget(long id);

    Task<Customer> FailAsync(string message);

    DateTime Tomorrow(DateTime day);
}
