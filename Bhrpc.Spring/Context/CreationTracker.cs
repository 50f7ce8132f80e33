namespace Bhrpc.Spring.Context;

/// <summary>The chain of objects being created on the current call, to report circular references by name.</summary>
internal sealed class CreationTracker
{
    private readonly List<string> _chain = [];

    public bool IsCreating(string id) => _chain.Contains(id, StringComparer.Ordinal);

    public ObjectDefinitionException CycleError(string id, SourceLocation? location)
    {
        var start = _chain.IndexOf(id);
        var cycle = string.Join(" -> ", _chain.Skip(start).Append(id));
        return new ObjectDefinitionException($"Circular reference between objects: {cycle}.", location);
    }

    public void Enter(string id, SourceLocation? location)
    {
        if (IsCreating(id))
        {
            throw CycleError(id, location);
        }

        _chain.Add(id);
    }

    public void Exit(string id) => _chain.RemoveAt(_chain.LastIndexOf(id));
}
