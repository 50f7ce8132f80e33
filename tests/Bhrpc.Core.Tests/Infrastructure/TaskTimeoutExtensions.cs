namespace Bhrpc.Tests.Infrastructure;

/// <summary>Bounds every await in a test, so that a broken component fails the test instead of hanging the run.</summary>
internal static class TaskTimeoutExtensions
{
    /// <summary>How long a test waits for any one operation.</summary>
    public static readonly TimeSpan DefaultTimeout = TimeSpan.FromSeconds(10);

    public static Task WithTimeout(this ValueTask task) => task.AsTask().WaitAsync(DefaultTimeout);

    public static Task<T> WithTimeout<T>(this ValueTask<T> task) => task.AsTask().WaitAsync(DefaultTimeout);

    public static Task WithTimeout(this Task task) => task.WaitAsync(DefaultTimeout);

    public static Task<T> WithTimeout<T>(this Task<T> task) => task.WaitAsync(DefaultTimeout);
}
