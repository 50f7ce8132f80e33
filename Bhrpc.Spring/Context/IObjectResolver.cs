namespace Bhrpc.Spring.Context;

/// <summary>Looks objects up by id while an object is being created.</summary>
public interface IObjectResolver
{
    /// <summary>Returns the object with this id or alias, creating it if needed.</summary>
    /// <param name="id">The object id or alias.</param>
    /// <returns>The object.</returns>
    object GetObject(string id);

    /// <summary>Whether an object with this id or alias is defined.</summary>
    /// <param name="id">The object id or alias.</param>
    /// <returns>True when defined.</returns>
    bool ContainsObject(string id);
}
