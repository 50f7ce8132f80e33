namespace Bhrpc.Routing.Condition;

/// <summary>What a condition of a condition rule compares.</summary>
internal enum ConditionKey
{
    /// <summary>Call: the method's wire name or declared name.</summary>
    Method,

    /// <summary>Call: the service name (the service key before its first <c>#</c>).</summary>
    Service,

    /// <summary>Call (when-part): the tag the call asks for; provider (then-part): the provider's tag.</summary>
    Tag,

    /// <summary>Call: one argument, formatted (invariant culture, booleans as <c>true</c>/<c>false</c>).</summary>
    Argument,

    /// <summary>Provider: its host.</summary>
    Host,

    /// <summary>Provider: its port.</summary>
    Port,

    /// <summary>Provider: <c>host:port</c>.</summary>
    Address,
}
