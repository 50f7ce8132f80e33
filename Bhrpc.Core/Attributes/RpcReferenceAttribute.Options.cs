namespace Bhrpc.Attributes;

/// <content>Turning the attribute into Core <see cref="ReferenceOptions"/>.</content>
public sealed partial class RpcReferenceAttribute
{
    /// <summary>The cluster strategy names <see cref="Cluster"/> accepts.</summary>
    internal static readonly IReadOnlyList<string> ClusterNames = ["failover", "failfast", "failsafe", "failback", "forking", "broadcast"];

    /// <summary>
    /// The Core options for a reference to <paramref name="interfaceType"/>: this attribute's set values,
    /// else <paramref name="defaults"/>' set values, else the built-in defaults.
    /// </summary>
    /// <param name="interfaceType">The member's type.</param>
    /// <param name="defaults">The front end's consumer defaults, or null.</param>
    /// <param name="where">Names the member in error messages, like <c>Shop.Cart._greeter</c>.</param>
    /// <exception cref="RpcException">A setting is invalid; the message names the member and the setting.</exception>
    public ReferenceOptions ToReferenceOptions(Type interfaceType, ConsumerDefaults? defaults, string where)
    {
        ArgumentNullException.ThrowIfNull(interfaceType);
        Validate(where);
        if (!interfaceType.IsInterface)
        {
            throw Error(where, $"the member's type {interfaceType.FullName} is not an interface; a reference needs a service interface");
        }

        try
        {
            var reference = (defaults ?? new ConsumerDefaults()).NewReference(interfaceType);
            reference.ServiceName = ServiceName ?? reference.ServiceName;
            reference.Version = Version ?? reference.Version;
            reference.Group = Group ?? reference.Group;
            reference.DirectAddress = DirectUrl ?? reference.DirectAddress;
            reference.LoadBalancer = LoadBalance ?? reference.LoadBalancer;
            reference.Serializer = Serialization ?? reference.Serializer;
            reference.Proxy = Proxy ?? reference.Proxy;
            if (Registry is not null)
            {
                reference.Registry = RegistryOptions.Parse(Registry);
            }

            if (Timeout > 0)
            {
                reference.Timeout = TimeSpan.FromMilliseconds(Timeout);
            }

            if (OnewaySet)
            {
                reference.Oneway = Oneway;
            }

            if (MethodNamingSet)
            {
                reference.MethodNaming = MethodNaming;
            }

            reference.Validate();
            return reference;
        }
        catch (RpcException e) when (e.StatusCode == RpcStatusCode.Configuration)
        {
            // Registry URL and Core validation errors do not know which member they came from.
            throw Error(where, e.Message);
        }
    }

    private void Validate(string where)
    {
        if (Timeout < 0)
        {
            throw Error(where, $"Timeout must be positive milliseconds (0 = not set); got {Timeout}");
        }

        if (Retries < -1)
        {
            throw Error(where, $"Retries must be 0 or more (-1 = not set); got {Retries}");
        }

        if (Cluster is not null && !ClusterNames.Contains(Cluster))
        {
            throw Error(where, $"Cluster '{Cluster}' is unknown; expected one of {string.Join(", ", ClusterNames)}");
        }
    }

    private static RpcException Error(string where, string message)
        => new(RpcStatusCode.Configuration, $"[RpcReference] on {where}: {message.TrimEnd('.')}.");
}
