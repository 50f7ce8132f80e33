namespace Bhrpc.Spring.Context;

/// <summary>
/// Sees every object the context creates (other than post-processors), around its init-method, and may wrap
/// or replace it. Objects implementing it are created before other singletons.
/// </summary>
public interface IObjectPostProcessor
{
    /// <summary>Called after properties are set and before the init-method.</summary>
    /// <param name="instance">The object so far.</param>
    /// <param name="id">The object id.</param>
    /// <returns>The object to continue with.</returns>
    object PostProcessBeforeInitialization(object instance, string id);

    /// <summary>Called after the init-method.</summary>
    /// <param name="instance">The object so far.</param>
    /// <param name="id">The object id.</param>
    /// <returns>The object handed out by the context.</returns>
    object PostProcessAfterInitialization(object instance, string id);
}
