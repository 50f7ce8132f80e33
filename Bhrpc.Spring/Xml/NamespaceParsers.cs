namespace Bhrpc.Spring.Xml;

/// <summary>
/// The process-wide list of namespace parser types. Each context creates fresh instances, so parsers
/// may keep per-document state.
/// </summary>
public static class NamespaceParsers
{
    private static readonly Lock s_sync = new();
    private static readonly List<Type> s_types = [];

    /// <summary>Registers a parser type once; registering the same type again does nothing.</summary>
    /// <typeparam name="TParser">The parser type, with a public parameterless constructor.</typeparam>
    public static void Register<TParser>()
        where TParser : INamespaceParser, new()
    {
        lock (s_sync)
        {
            if (!s_types.Contains(typeof(TParser)))
            {
                s_types.Add(typeof(TParser));
            }
        }
    }

    /// <summary>Creates one fresh instance of every registered parser.</summary>
    /// <returns>The parsers, in registration order.</returns>
    internal static IReadOnlyList<INamespaceParser> CreateAll()
    {
        lock (s_sync)
        {
            return s_types.Select(t => (INamespaceParser)Activator.CreateInstance(t)!).ToList();
        }
    }
}
