namespace Bhrpc.MicroBench.Services;

/// <summary>The service every benchmark calls: a small string call, an async call and an object call.</summary>
public interface IBenchService
{
    /// <summary>Returns <paramref name="text"/>.</summary>
    string Echo(string text);

    /// <summary>Returns <c>a + b</c> as a completed task.</summary>
    Task<int> AddAsync(int a, int b);

    /// <summary>Returns <paramref name="order"/>.</summary>
    Order Submit(Order order);

    /// <summary>Returns <paramref name="order"/>: the same order as a protobuf message, for the protobuf serializer.</summary>
    Proto.OrderMessage SubmitMessage(Proto.OrderMessage order);
}
