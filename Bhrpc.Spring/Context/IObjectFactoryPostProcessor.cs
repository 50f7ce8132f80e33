namespace Bhrpc.Spring.Context;

/// <summary>
/// Rewrites or adds definitions before any other object is created. Objects implementing it are created first
/// and may only reference other factory post-processors.
/// </summary>
public interface IObjectFactoryPostProcessor
{
    /// <summary>Called once, after all XML is read and before other objects are created.</summary>
    /// <param name="registry">The definitions of the context, open for changes.</param>
    void PostProcessObjectFactory(ObjectDefinitionRegistry registry);
}
