namespace Bhrpc.Spring.Context;

/// <summary>A string-keyed dictionary converted to <see cref="Dictionary{TKey, TValue}"/> or a dictionary interface.</summary>
/// <param name="Entries">The entries in order.</param>
public sealed record DictionaryValue(IReadOnlyList<KeyValuePair<string, ObjectValue>> Entries) : ObjectValue;
