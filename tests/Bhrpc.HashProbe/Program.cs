using System.Globalization;
using Bhrpc.Cluster;
using Bhrpc.Extensions;
using Bhrpc.LoadBalance;
using Bhrpc.Registry;

// Run by the hash stability tests as a second process: picks a provider for each key with a load balancer made by
// name, as a consumer would, and prints one address a line, after a first line with this process's (randomized)
// string hash of "probe", so that the test can see the two processes really hash strings differently.
// Arguments: BALANCER SOURCE_IP PROVIDERS KEY...; PROVIDERS is host:port=weight,...; a key is s:text or i:number.
if (args.Length < 4)
{
    Console.Error.WriteLine("usage: Bhrpc.HashProbe BALANCER SOURCE_IP host:port=weight[,...] (s:TEXT|i:NUMBER)...");
    return 2;
}

var providers = args[2].Split(',').Select(ParseProvider).ToArray();
var balancer = ExtensionLoader.Shared.Create<ILoadBalancer>(args[0]);
Console.WriteLine("seed:" + "probe".GetHashCode().ToString(CultureInfo.InvariantCulture));
foreach (var key in args[3..])
{
    var hash = StableHash.Of(ParseKey(key));
    Console.WriteLine(balancer.Select(providers, new LoadBalanceContext("probe.IService#1.0.0#", hash, args[1])).Address);
}

return 0;

static Provider ParseProvider(string text)
{
    var (address, weight) = text.Split('=') is [var a, var w] ? (a, int.Parse(w, CultureInfo.InvariantCulture)) : throw new FormatException($"'{text}' is not host:port=weight.");
    var colon = address.LastIndexOf(':');
    var host = address[..colon];
    var port = int.Parse(address[(colon + 1)..], CultureInfo.InvariantCulture);
    var instance = new ServiceInstance("probe.IService", "1.0.0", string.Empty, host, port, weight, $"id-{port}", DateTimeOffset.UnixEpoch);
    return new Provider(instance, new ProviderStats(instance.Address, TimeProvider.System));
}

static object ParseKey(string text) => text[..2] switch
{
    "s:" => text[2..],
    "i:" => int.Parse(text[2..], CultureInfo.InvariantCulture),
    _ => throw new FormatException($"'{text}' is not s:TEXT or i:NUMBER."),
};
