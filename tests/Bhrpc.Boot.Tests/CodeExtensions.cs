using Bhrpc.Extensions;
using Bhrpc.LoadBalance;
using Bhrpc.Proxy;
using Bhrpc.Serialization;
using Bhrpc.Serialization.Json;

namespace Bhrpc.Boot.Tests;

/// <summary>
/// Extensions registered in code in <see cref="ExtensionLoader.Shared"/>, the loader Boot's server and client use,
/// under names no built-in extension has: a host configured with them must start and call through them.
/// </summary>
public static class CodeExtensions
{
    public const string Serializer = "bootjson";

    public const string LoadBalancer = "bootbalancer";

    public const string Proxy = "bootproxy";

    /// <summary>Registers the three names (again: a registration replaces one of the same name).</summary>
    public static void Register()
    {
        ExtensionLoader.Shared
            .Register<IRpcSerializer>(Serializer, static () => new JsonRpcSerializer())
            .Register<ILoadBalancer>(LoadBalancer, static () => new RandomLoadBalancer())
            .Register<IProxyFactory>(Proxy, static () => new DispatchProxyFactory());
    }
}
