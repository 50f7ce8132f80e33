namespace Bhrpc.Attributes;

/// <summary>
/// Settings of one method, overriding the reference's or service's own (<see cref="MethodOptions"/>); allowed once per
/// method name. On an <see cref="RpcReferenceAttribute"/> member every setting applies; on an
/// <see cref="RpcServiceAttribute"/> class only <see cref="Timeout"/> does (the method's token fires then) and the
/// consumer settings are refused. <see cref="Name"/> is the declared name (<c>Find</c>) or the wire name (<c>find</c>)
/// and covers every overload of that name; a name that matches no method of the interface is refused.
/// <code>
/// [RpcReference(Timeout = 2000)]
/// [RpcMethod("Find", Timeout = 500, Retries = 1, Idempotent = true)]
/// [RpcMethod("Log", Oneway = true)]
/// private readonly IOrders _orders = null!;
/// </code>
/// </summary>
[AttributeUsage(AttributeTargets.Field | AttributeTargets.Property | AttributeTargets.Class, AllowMultiple = true, Inherited = false)]
public sealed class RpcMethodAttribute : Attribute
{
    private bool _oneway;
    private bool _idempotent;

    /// <summary>Settings for the methods named <paramref name="name"/>.</summary>
    public RpcMethodAttribute(string name)
    {
        Name = name;
    }

    /// <summary>The method's declared or wire name.</summary>
    public string Name { get; }

    /// <summary>The call's timeout in milliseconds, all attempts together (on a service: how long the method may run before its token fires). Default 0: not set.</summary>
    public int Timeout { get; set; }

    /// <summary>The longest one attempt may wait, in milliseconds, before a retry may begin. Default 0: not set.</summary>
    public int AttemptTimeout { get; set; }

    /// <summary>Retries after the first attempt (<c>failover</c>, <c>failback</c>), 0 or more. Default -1: not set.</summary>
    public int Retries { get; set; } = -1;

    /// <summary>Oneway: sent, no response (only for a method that returns no value). Default: not set.</summary>
    public bool Oneway
    {
        get => _oneway;
        set
        {
            _oneway = value;
            OnewaySet = true;
        }
    }

    /// <summary>Whether the method may run twice, so that timeouts and remote failures are retried. Default: not set (the method's <c>[Idempotent]</c>).</summary>
    public bool Idempotent
    {
        get => _idempotent;
        set
        {
            _idempotent = value;
            IdempotentSet = true;
        }
    }

    /// <summary>Whether <see cref="Oneway"/> was given.</summary>
    public bool OnewaySet { get; private set; }

    /// <summary>Whether <see cref="Idempotent"/> was given.</summary>
    public bool IdempotentSet { get; private set; }

    /// <summary>The method settings of a reference.</summary>
    /// <param name="where">Names the member in error messages.</param>
    /// <exception cref="RpcException"><see cref="RpcStatusCode.Configuration"/>: an empty name or a negative number; the message names the member and the setting.</exception>
    public MethodOptions ToMethodOptions(string where)
    {
        Check(where);
        return new MethodOptions
        {
            Name = Name.Trim(),
            Timeout = Timeout > 0 ? TimeSpan.FromMilliseconds(Timeout) : null,
            AttemptTimeout = AttemptTimeout > 0 ? TimeSpan.FromMilliseconds(AttemptTimeout) : null,
            Retries = Retries >= 0 ? Retries : null,
            Oneway = OnewaySet ? Oneway : null,
            Idempotent = IdempotentSet ? Idempotent : null,
        };
    }

    /// <summary>The method settings of a service: only <see cref="Timeout"/>.</summary>
    /// <param name="where">Names the class in error messages.</param>
    /// <exception cref="RpcException"><see cref="RpcStatusCode.Configuration"/>: a consumer setting is given, or a bad value.</exception>
    public MethodOptions ToServiceMethodOptions(string where)
    {
        var consumerOnly = new[]
        {
            AttemptTimeout != 0 ? nameof(AttemptTimeout) : null,
            Retries != -1 ? nameof(Retries) : null,
            OnewaySet ? nameof(Oneway) : null,
            IdempotentSet ? nameof(Idempotent) : null,
        }.OfType<string>().ToList();
        if (consumerOnly.Count > 0)
        {
            throw Error(where, $"{string.Join(", ", consumerOnly)} are consumer settings; on a service only Timeout applies. Set them on the reference ([RpcReference] member) instead");
        }

        var options = ToMethodOptions(where);
        return new MethodOptions { Name = options.Name, Timeout = options.Timeout };
    }

    private void Check(string where)
    {
        if (string.IsNullOrWhiteSpace(Name))
        {
            throw Error(where, "the method name is empty; expected a method of the interface, like \"Find\"");
        }

        if (Timeout < 0 || AttemptTimeout < 0)
        {
            throw Error(where, $"{(Timeout < 0 ? "Timeout" : "AttemptTimeout")} must be positive milliseconds (0 = not set); got {(Timeout < 0 ? Timeout : AttemptTimeout)}");
        }

        if (Retries < -1)
        {
            throw Error(where, $"Retries must be 0 or more (-1 = not set); got {Retries}");
        }
    }

    private RpcException Error(string where, string message)
        => new(RpcStatusCode.Configuration, $"[RpcMethod(\"{Name}\")] on {where}: {message.TrimEnd('.')}.");
}
