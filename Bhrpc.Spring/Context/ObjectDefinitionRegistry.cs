namespace Bhrpc.Spring.Context;

/// <summary>The definitions of a context, in registration order, with aliases.</summary>
public sealed class ObjectDefinitionRegistry
{
    private readonly List<ObjectDefinition> _ordered = [];
    private readonly Dictionary<string, ObjectDefinition> _byId = new(StringComparer.Ordinal);
    private readonly Dictionary<string, string> _aliases = new(StringComparer.Ordinal);

    /// <summary>The definitions in registration order.</summary>
    public IReadOnlyList<ObjectDefinition> Definitions => _ordered;

    /// <summary>Adds a definition; a duplicate id or alias is an error.</summary>
    /// <param name="definition">The definition.</param>
    public void Register(ObjectDefinition definition)
    {
        ArgumentNullException.ThrowIfNull(definition);
        if (Contains(definition.Id))
        {
            throw new ObjectDefinitionException($"An object with id '{definition.Id}' is already defined.", definition.Location);
        }

        _byId.Add(definition.Id, definition);
        _ordered.Add(definition);
    }

    /// <summary>Makes <paramref name="alias"/> another name for <paramref name="id"/>.</summary>
    /// <param name="alias">The extra name.</param>
    /// <param name="id">The id it stands for.</param>
    public void RegisterAlias(string alias, string id)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(alias);
        if (Contains(alias))
        {
            throw new ObjectDefinitionException($"Alias '{alias}' is already used as an id or alias.");
        }

        _aliases.Add(alias, id);
    }

    /// <summary>Removes a definition by id; returns whether it existed.</summary>
    /// <param name="id">The id.</param>
    /// <returns>True when removed.</returns>
    public bool Remove(string id)
    {
        if (!_byId.Remove(id, out var definition))
        {
            return false;
        }

        _ordered.Remove(definition);
        return true;
    }

    /// <summary>Whether an id or alias is defined.</summary>
    /// <param name="id">The id or alias.</param>
    /// <returns>True when defined.</returns>
    public bool Contains(string id) => _byId.ContainsKey(id) || _aliases.ContainsKey(id);

    /// <summary>Finds a definition by id or alias.</summary>
    /// <param name="id">The id or alias.</param>
    /// <param name="definition">The definition when found.</param>
    /// <returns>True when found.</returns>
    public bool TryGet(string id, [System.Diagnostics.CodeAnalysis.NotNullWhen(true)] out ObjectDefinition? definition)
    {
        var canonical = _aliases.TryGetValue(id, out var target) ? target : id;
        return _byId.TryGetValue(canonical, out definition);
    }

    /// <summary>Finds a definition by id or alias, or throws an error listing the known ids.</summary>
    /// <param name="id">The id or alias.</param>
    /// <returns>The definition.</returns>
    public ObjectDefinition Get(string id)
    {
        if (TryGet(id, out var definition))
        {
            return definition;
        }

        var known = string.Join(", ", _ordered.Select(d => d.Id).Concat(_aliases.Keys).Order(StringComparer.Ordinal));
        throw new ObjectDefinitionException($"No object named '{id}' is defined. Known ids: {(known.Length == 0 ? "(none)" : known)}.");
    }
}
