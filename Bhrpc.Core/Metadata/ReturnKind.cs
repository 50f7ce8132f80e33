namespace Bhrpc.Metadata;

/// <summary>How a service method returns.</summary>
public enum ReturnKind
{
    /// <summary><c>void</c>.</summary>
    Void,

    /// <summary>A plain value <c>T</c>.</summary>
    Value,

    /// <summary><c>Task</c>.</summary>
    Task,

    /// <summary><c>Task&lt;T&gt;</c>.</summary>
    TaskOfT,

    /// <summary><c>ValueTask</c>.</summary>
    ValueTask,

    /// <summary><c>ValueTask&lt;T&gt;</c>.</summary>
    ValueTaskOfT,
}
