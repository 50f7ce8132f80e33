namespace Bhrpc.Tests.Infrastructure;

/// <summary>
/// What tests need from the machine (a server that ./test.sh starts, a Debian package): when it
/// is missing the test is ignored with a hint, or fails under CI=true, where nothing may be skipped.
/// </summary>
internal static class RequiredServer
{
    /// <summary>The shared ZooKeeper's or etcd's <c>host:port</c>, by registry type.</summary>
    public static string Address(string registryType) => registryType switch
    {
        "zookeeper" => FromEnvironment("BHRPC_TEST_ZOOKEEPER", "ZooKeeper"),
        "etcd" => FromEnvironment("BHRPC_TEST_ETCD", "etcd"),
        _ => throw new ArgumentException($"no test server for registry type '{registryType}'; expected zookeeper or etcd.", nameof(registryType)),
    };

    /// <summary>The <c>host:port</c> in <paramref name="variable"/>, set by ./test.sh when it starts <paramref name="server"/>.</summary>
    public static string FromEnvironment(string variable, string server)
    {
        var address = Environment.GetEnvironmentVariable(variable);
        if (string.IsNullOrWhiteSpace(address))
        {
            Missing($"{variable} is not set", server);
        }

        return address!.Trim();
    }

    /// <summary>Ignores the test, or fails it under CI=true, saying why and how to get <paramref name="server"/>.</summary>
    public static void Missing(string why, string server)
    {
        if (string.Equals(Environment.GetEnvironmentVariable("CI"), "true", StringComparison.OrdinalIgnoreCase))
        {
            Assert.Fail($"{why}; under CI=true the {server} tests must run: start it with scripts/test-servers.sh (./test.sh does).");
        }

        Assert.Ignore($"{why}: run ./test.sh (it starts {server})");
    }
}
