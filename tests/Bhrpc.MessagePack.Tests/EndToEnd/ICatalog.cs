namespace Bhrpc.MessagePack.Tests.EndToEnd;

/// <summary>A service over [MessagePackObject] types, collections and primitives, called through the <c>msgpack</c> serializer.</summary>
public interface ICatalog
{
    Sample Rename(Sample sample, string name);

    Task<List<SampleLine>> LinesAsync(string sku, int count);

    Dictionary<string, int> Count(IReadOnlyList<string> words);

    string? Echo(string? text);

    void Forget(long id);

    Task<Sample> FailAsync(string message);

    Unannotated Plain(int value);
}
