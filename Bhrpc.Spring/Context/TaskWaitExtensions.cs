namespace Bhrpc.Spring.Context;

/// <summary>The one sync-over-async adapter: waits for a task with a bound, for constructors and Dispose.</summary>
internal static class TaskWaitExtensions
{
    public static void WaitBounded(this Task task, TimeSpan timeout, string what)
    {
        bool completed;
        try
        {
            completed = task.Wait(timeout);
        }
        catch (AggregateException)
        {
            completed = true;
        }

        if (!completed)
        {
            throw new TimeoutException($"{what} did not complete within {timeout} (XmlApplicationContextOptions.LifecycleTimeout); use XmlApplicationContext.CreateAsync for long start-up work.");
        }

        // Surface the original exception rather than an AggregateException.
        task.GetAwaiter().GetResult();
    }
}
