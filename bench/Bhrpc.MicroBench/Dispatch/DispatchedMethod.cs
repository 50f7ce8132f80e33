namespace Bhrpc.MicroBench.Dispatch;

/// <summary>Which <see cref="Services.IBenchService"/> method a dispatch benchmark calls.</summary>
public enum DispatchedMethod
{
    /// <summary><c>string Echo(string)</c>: returns a value.</summary>
    Echo,

    /// <summary><c>Task&lt;int&gt; AddAsync(int, int)</c>: returns a completed task that is awaited.</summary>
    AddAsync,
}
