using System.Globalization;
using static Bhrpc.Deploy.Tests.DeployFiles;

namespace Bhrpc.Deploy.Tests;

/// <summary>The deploy files and the Generic Host demos' settings agree with each other and with Bhrpc.Boot's keys.</summary>
public sealed class DeployTests
{
    private const int RpcPort = 27110;
    private const int HealthPort = 8080;
    private const string Registry = "zookeeper://zookeeper:2181";
    private static readonly TimeSpan DrainMargin = TimeSpan.FromSeconds(5);
    private static readonly string[] DurationSuffixes = ["Timeout", "Interval", "GracePeriod", "Backoff"];

    private static IEnumerable<EnvVar> AllEnvironment() =>
        ComposeEnvironment(Lines(Compose))
            .Concat(K8sManifests.SelectMany(K8sEnvironment))
            .Concat(Dockerfiles.SelectMany(DockerfileEnvironment));

    [Test]
    public void EveryBhrpcEnvironmentVariableIsAKnownKey()
    {
        var bhrpc = AllEnvironment().Where(e => e.Name.StartsWith("Bhrpc__", StringComparison.OrdinalIgnoreCase)).ToList();
        Assert.That(bhrpc, Has.Count.GreaterThan(10), "the parser found too few Bhrpc__ variables");
        Assert.That(bhrpc.Where(e => ExpectedKeys.Match(e.Key) is null).Select(e => e.ToString()), Is.Empty);
        Assert.That(bhrpc.Where(e => e.Name.Contains(':', StringComparison.Ordinal)), Is.Empty, "environment variables use __, not :");
    }

    [TestCase(ProviderSettings)]
    [TestCase(ConsumerSettings)]
    public void EveryAppsettingsKeyUnderBhrpcIsAKnownKey(string file)
    {
        var keys = Settings(file).Keys.Where(k => k.StartsWith("Bhrpc:", StringComparison.OrdinalIgnoreCase)).ToList();
        Assert.That(keys, Is.Not.Empty);
        Assert.That(keys.Where(k => ExpectedKeys.Match(k) is null), Is.Empty);
    }

    [Test]
    public void TimeSpanSettingsAreTimeSpans()
    {
        var values = AppSettings.SelectMany(f => Settings(f).Select(kv => (Where: $"{f}: {kv.Key}", kv.Key, kv.Value)))
            .Concat(AllEnvironment().Where(e => e.Value is not null).Select(e => (Where: e.ToString(), e.Key, Value: e.Value!)))
            .Where(x => DurationSuffixes.Any(suffix => x.Key.EndsWith(suffix, StringComparison.OrdinalIgnoreCase)))
            .ToList();
        Assert.That(values, Is.Not.Empty);
        Assert.That(values.Where(x => !TimeSpan.TryParseExact(x.Value, "c", CultureInfo.InvariantCulture, out _)).Select(x => x.Where), Is.Empty);
    }

    [Test]
    public void PatternsAreWellFormed()
    {
        Assert.That(ExpectedKeys.Patterns, Is.Unique);
        Assert.That(ExpectedKeys.Patterns, Has.All.StartWith("Bhrpc:"));
        Assert.That(ExpectedKeys.Match("Bhrpc:References:greeter:Timeout"), Is.EqualTo("Bhrpc:References:{name}:Timeout"));
        Assert.That(ExpectedKeys.Match("bhrpc:services:0:weight"), Is.EqualTo("Bhrpc:Services:{i}:Weight"));
        Assert.That(ExpectedKeys.Match("Bhrpc:References:a:b:Timeout"), Is.Null);
        Assert.That(ExpectedKeys.Match("Bhrpc:Server:Ports"), Is.Null);
    }

    [Test]
    public void ProviderSettingsUseTheRpcAndHealthPorts()
    {
        var settings = Settings(ProviderSettings);
        Assert.Multiple(() =>
        {
            Assert.That(settings["Bhrpc:Server:Port"], Is.EqualTo(RpcPort.ToString(CultureInfo.InvariantCulture)));
            Assert.That(settings["Health:Port"], Is.EqualTo(HealthPort.ToString(CultureInfo.InvariantCulture)));
            Assert.That(settings, Does.ContainKey("Bhrpc:Registry"));
            Assert.That(settings, Does.ContainKey("Bhrpc:Server:AdvertiseHost"));
            Assert.That(settings, Does.ContainKey("Bhrpc:Server:ShutdownTimeout"));
        });
    }

    [Test]
    public void ConsumerSettingsConfigureTheGreeterReference()
    {
        var settings = Settings(ConsumerSettings);
        Assert.That(settings.Keys, Has.Some.StartWith("Bhrpc:Consumer:"));
        Assert.That(settings.Keys, Has.Some.StartWith("Bhrpc:References:greeter:"));
    }

    [Test]
    public void KubernetesProviderPortsMatchTheSettings()
    {
        const string file = "deploy/k8s/provider.yaml";
        var lines = Lines(file);
        var env = K8sEnvironment(file).ToDictionary(e => e.Name);
        Assert.Multiple(() =>
        {
            Assert.That(env["Bhrpc__Server__Port"].Value, Is.EqualTo(RpcPort.ToString(CultureInfo.InvariantCulture)));
            Assert.That(env["Health__Port"].Value, Is.EqualTo(HealthPort.ToString(CultureInfo.InvariantCulture)));
            Assert.That(env["Bhrpc__Server__Host"].Value, Is.EqualTo("0.0.0.0"));
            Assert.That(Numbers(lines, "containerPort"), Is.EquivalentTo(new[] { RpcPort, HealthPort }));
            Assert.That(Numbers(lines, "targetPort"), Is.EquivalentTo(new[] { RpcPort, HealthPort }));
            var probes = HttpProbes(file);
            Assert.That(probes.Select(p => p.Probe), Is.EquivalentTo(new[] { "readinessProbe", "livenessProbe" }));
            Assert.That(probes.Select(p => p.Port), Has.All.EqualTo(HealthPort));
            Assert.That(probes.Select(p => p.Path), Has.All.StartWith("/healthz"));
            Assert.That(probes.Single(p => p.Probe == "readinessProbe").Path, Is.EqualTo("/healthz"));
        });
    }

    [Test]
    public void KubernetesProviderAdvertisesThePodIp()
    {
        var advertise = K8sEnvironment("deploy/k8s/provider.yaml").Single(e => e.Name == "Bhrpc__Server__AdvertiseHost");
        Assert.That(advertise.FieldPath, Is.EqualTo("status.podIP"));
        Assert.That(advertise.Value, Is.Null);
    }

    [Test]
    public void KubernetesGracePeriodCoversTheServersGracePeriodAndTheDrain()
    {
        const string file = "deploy/k8s/provider.yaml";
        var env = K8sEnvironment(file).ToDictionary(e => e.Name);
        var stop = GraceOf(env.GetValueOrDefault("Bhrpc__Server__GracePeriod")?.Value) + Duration(env["Bhrpc__Server__ShutdownTimeout"].Value!);
        var grace = Scalar(Lines(file), "terminationGracePeriodSeconds");
        Assert.That(grace, Is.Not.Null, "terminationGracePeriodSeconds is not set (the default 30 s is not checked)");
        Assert.That(TimeSpan.FromSeconds(grace!.Value), Is.GreaterThanOrEqualTo(stop + DrainMargin));

        // The appsettings values must fit too, should the environment variables be dropped.
        var settings = Settings(ProviderSettings);
        var settingsStop = GraceOf(settings.GetValueOrDefault("Bhrpc:Server:GracePeriod")) + Duration(settings["Bhrpc:Server:ShutdownTimeout"]);
        Assert.That(TimeSpan.FromSeconds(grace.Value), Is.GreaterThanOrEqualTo(settingsStop + DrainMargin));
    }

    [Test]
    public void KubernetesAndComposeSetTheSameServerGracePeriod()
    {
        var k8s = K8sEnvironment("deploy/k8s/provider.yaml").Single(e => e.Name == "Bhrpc__Server__GracePeriod").Value;
        var compose = ComposeEnvironment(ComposeService("provider")).Single(e => e.Name == "Bhrpc__Server__GracePeriod").Value;
        Assert.That(compose, Is.EqualTo(k8s));
    }

    /// <summary>The server's grace period: the value set, else Core's default (<see cref="ServerOptions.GracePeriod"/>, 5 s).</summary>
    private static TimeSpan GraceOf(string? value) => value is null ? new ServerOptions().GracePeriod : Duration(value);

    [Test]
    public void KubernetesZooKeeperServesTheRegistryPort()
    {
        var lines = Lines("deploy/k8s/zookeeper.yaml");
        Assert.That(lines, Has.Some.Contains("image: zookeeper:3.8"));
        Assert.That(Numbers(lines, "containerPort"), Does.Contain(2181));
        Assert.That(Numbers(lines, "port"), Does.Contain(2181));
        Assert.That(lines, Has.Some.EqualTo("  name: zookeeper"), "the Service the registry URL names");
    }

    [Test]
    public void EveryRegistryPointsAtTheZooKeeperService()
    {
        var registries = AllEnvironment().Where(e => e.Name == "Bhrpc__Registry").ToList();
        Assert.That(registries.Select(e => e.File).Distinct(), Is.EquivalentTo(new[] { Compose, "deploy/k8s/provider.yaml", "deploy/k8s/consumer.yaml" }));
        Assert.That(registries.Select(e => e.Value), Has.All.EqualTo(Registry));
    }

    [Test]
    public void ComposeProviderPortsAndGracePeriodMatchTheSettings()
    {
        var provider = ComposeService("provider");
        var env = ComposeEnvironment(provider).ToDictionary(e => e.Name);
        var published = provider.Select(l => l.Trim())
            .Where(l => l.StartsWith("- \"", StringComparison.Ordinal) && l.Contains(':', StringComparison.Ordinal))
            .Select(l => int.Parse(l.Trim('-', ' ', '"').Split(':')[^1], CultureInfo.InvariantCulture))
            .ToList();
        var grace = provider.Select(l => l.Trim()).Single(l => l.StartsWith("stop_grace_period:", StringComparison.Ordinal));
        Assert.Multiple(() =>
        {
            Assert.That(env["Bhrpc__Server__Port"].Value, Is.EqualTo(RpcPort.ToString(CultureInfo.InvariantCulture)));
            Assert.That(env["Health__Port"].Value, Is.EqualTo(HealthPort.ToString(CultureInfo.InvariantCulture)));
            Assert.That(env["Bhrpc__Server__Host"].Value, Is.EqualTo("0.0.0.0"));
            Assert.That(env["Bhrpc__Server__AdvertiseHost"].Value, Is.EqualTo("provider"), "the compose service name, resolvable by the consumer");
            Assert.That(published, Is.EquivalentTo(new[] { RpcPort, HealthPort }));
            var stop = GraceOf(env.GetValueOrDefault("Bhrpc__Server__GracePeriod")?.Value) + Duration(env["Bhrpc__Server__ShutdownTimeout"].Value!);
            Assert.That(Duration(grace["stop_grace_period:".Length..].Trim()), Is.GreaterThanOrEqualTo(stop + DrainMargin));
        });
    }

    [Test]
    public void ComposeRunsZooKeeperProviderAndConsumer()
    {
        Assert.That(ComposeService("zookeeper"), Has.Some.Contains("image: zookeeper:3.8"));
        Assert.That(ComposeService("provider"), Has.Some.Contains("dockerfile: deploy/Dockerfile.provider"));
        Assert.That(ComposeService("consumer"), Has.Some.Contains("dockerfile: deploy/Dockerfile.consumer"));
    }

    [TestCase("deploy/Dockerfile.provider", "Bhrpc.Boot.Provider", "mcr.microsoft.com/dotnet/aspnet:10.0")]
    [TestCase("deploy/Dockerfile.consumer", "Bhrpc.Boot.Consumer", "mcr.microsoft.com/dotnet/runtime:10.0")]
    public void DockerfileBuildsTheDemo(string file, string project, string runtimeImage)
    {
        var instructions = DockerInstructions(file);
        var from = instructions.Where(i => i.Keyword == "FROM").Select(i => i.Arguments.Split(' ')[0]).ToList();
        Assert.That(from, Is.EqualTo(new[] { "mcr.microsoft.com/dotnet/sdk:10.0", runtimeImage }));
        Assert.That(instructions.Single(i => i.Keyword == "ENTRYPOINT").Arguments, Does.Contain($"\"{project}.dll\""));
        Assert.That(instructions.Where(i => i.Keyword == "RUN").Select(i => i.Arguments), Has.Some.Contains($"dotnet publish demo/{project}/{project}.csproj"));

        // Every COPY from the build context (the repository root) names something that exists.
        var sources = instructions.Where(i => i.Keyword == "COPY" && !i.Arguments.StartsWith("--from", StringComparison.Ordinal))
            .SelectMany(i => i.Arguments.Split(' ', StringSplitOptions.RemoveEmptyEntries)[..^1])
            .ToList();
        Assert.That(sources, Is.Not.Empty);
        Assert.That(sources.Where(s => !File.Exists(DeployFiles.Path(s)) && !Directory.Exists(DeployFiles.Path(s))), Is.Empty);
        Assert.That(sources, Does.Contain($"demo/{project}/"));
    }

    [Test]
    public void ProviderDockerfileExposesTheRpcAndHealthPorts()
    {
        var instructions = DockerInstructions("deploy/Dockerfile.provider");
        var exposed = instructions.Where(i => i.Keyword == "EXPOSE").SelectMany(i => i.Arguments.Split(' ')).Select(p => int.Parse(p, CultureInfo.InvariantCulture));
        Assert.That(exposed, Is.EquivalentTo(new[] { RpcPort, HealthPort }));
        var env = DockerfileEnvironment("deploy/Dockerfile.provider").ToDictionary(e => e.Name, e => e.Value);
        Assert.That(env["Bhrpc__Server__Port"], Is.EqualTo(RpcPort.ToString(CultureInfo.InvariantCulture)));
        Assert.That(env["Health__Port"], Is.EqualTo(HealthPort.ToString(CultureInfo.InvariantCulture)));
    }
}
