namespace Bhrpc.Extensions;

/// <summary>
/// Counts the assemblies the process loads, so an <see cref="ExtensionLoader"/> re-lists the loaded
/// assemblies only when there are new ones. One static handler for the process: loaders hold no
/// event subscription and can be collected.
/// </summary>
internal static class AssemblyLoadTracker
{
    private static long s_loads;

    static AssemblyLoadTracker()
    {
        AppDomain.CurrentDomain.AssemblyLoad += static (_, _) => Interlocked.Increment(ref s_loads);
    }

    /// <summary>How many assemblies were loaded since the tracker started; changes whenever one is loaded.</summary>
    public static long Loads => Interlocked.Read(ref s_loads);
}
