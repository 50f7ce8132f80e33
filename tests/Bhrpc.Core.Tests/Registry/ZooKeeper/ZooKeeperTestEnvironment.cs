namespace Bhrpc.Tests.Registry.ZooKeeper;

/// <summary>
/// Where the tests find ZooKeeper: the shared server that <c>scripts/test-servers.sh</c> starts (its address in
/// <c>BHRPC_TEST_ZOOKEEPER</c>), and Debian's <c>zookeeper</c> package for tests that run their own server.
/// Without them a test is ignored, or fails when <c>CI=true</c>.
/// </summary>
internal static class ZooKeeperTestEnvironment
{
    public const string AddressVariable = "BHRPC_TEST_ZOOKEEPER";
    public const string BinFolder = "/usr/share/zookeeper/bin";
    public static readonly string ServerScript = Path.Combine(BinFolder, "zkServer.sh");
    public static readonly string CliScript = Path.Combine(BinFolder, "zkCli.sh");

    /// <summary>The shared server's <c>host:port</c>.</summary>
    public static string RequireSharedServer()
    {
        var address = Environment.GetEnvironmentVariable(AddressVariable);
        if (string.IsNullOrWhiteSpace(address))
        {
            Missing($"{AddressVariable} is not set");
        }

        return address!.Trim();
    }

    /// <summary>Makes sure the ZooKeeper scripts are installed.</summary>
    public static void RequireInstalled()
    {
        if (!File.Exists(ServerScript) || !File.Exists(CliScript))
        {
            Missing($"{ServerScript} or {CliScript} is missing (Debian package 'zookeeper')");
        }
    }

    private static void Missing(string why) => Infrastructure.RequiredServer.Missing(why, "ZooKeeper");
}
