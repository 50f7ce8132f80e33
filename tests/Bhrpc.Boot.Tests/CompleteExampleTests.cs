using System.Text;
using System.Text.RegularExpressions;
using Bhrpc.Boot.Internal;
using Bhrpc.Tests.Shared;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace Bhrpc.Boot.Tests;

/// <summary>The README's complete appsettings.json, every key set, with this test's types and a local registry: it binds, starts and calls.</summary>
public sealed class CompleteExampleTests
{
    [Test]
    public async Task EveryKeyOfTheReadmeExample_BindsStartsAndCalls()
    {
        var folder = Path.Combine(Path.GetTempPath(), "bhrpc-boot-example-" + Guid.NewGuid().ToString("N"));
        try
        {
            var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });
            builder.Configuration.AddJsonStream(new MemoryStream(Encoding.UTF8.GetBytes(Json("local://" + folder))));
            builder.Services.AddSingleton<Gate>();
            builder.AddBhrpc();
            using var host = builder.Build();
            await host.StartAsync().WaitAsync(TestHosts.Bound);
            try
            {
                var greeter = host.Services.GetRequiredService<IGreeter>();

                // The service removes the server's filter; the reference removes the client's and adds its own.
                Assert.That(greeter.Hello("readme"), Is.EqualTo("hello readme [reference]"));
                var registered = host.Services.GetRequiredService<BhrpcRuntime>().Server!.Registrations.Single();
                Assert.That(registered.Tag, Is.EqualTo("gray"), "Services:0:Tag is what the registry publishes");
            }
            finally
            {
                await host.StopAsync().WaitAsync(TestHosts.Bound);
            }
        }
        finally
        {
            if (Directory.Exists(folder))
            {
                Directory.Delete(folder, recursive: true);
            }
        }
    }

    [Test]
    public void TheReadmeExampleAndThisTest_SetTheSameKeys()
    {
        var readme = Patterns(ReadmeExample());
        var test = Patterns(Json("local://" + Path.GetTempPath()));

        Assert.That(readme.Where(p => p.Pattern is null).Select(p => p.Key), Is.Empty, "README keys that Bhrpc.Boot does not bind");
        Assert.That(readme.Select(p => p.Pattern).Distinct(), Is.EquivalentTo(test.Select(p => p.Pattern).Distinct()), "the README example and this test's copy of it set the same key patterns");
    }

    [Test]
    public void EveryKeyOfTheReadmeExample_Binds()
    {
        var configuration = new ConfigurationBuilder().AddJsonStream(new MemoryStream(Encoding.UTF8.GetBytes(Json("local://" + Path.GetTempPath())))).Build();

        var settings = BhrpcSettings.Read(configuration);
        var reference = settings.ComposeReference("greeter", typeof(IGreeter), configure: null);

        var service = settings.Services.Single().ToServiceOptions(new Greeter(new Gate()));
        Assert.Multiple(() =>
        {
            Assert.That(settings.Extensions.Options.PluginFolder, Is.EqualTo(Path.Combine(AppContext.BaseDirectory, "plugins")));
            Assert.That(settings.ServerOptions.Filters.Single().Settings["text"], Is.EqualTo("server"));
            Assert.That(settings.ServerOptions.ShutdownTimeout, Is.EqualTo(TimeSpan.FromSeconds(5)));
            Assert.That(settings.ServerOptions.GracePeriod, Is.EqualTo(TimeSpan.FromSeconds(1)));
            Assert.That(settings.ClientOptions.Filters.Single().Name, Is.EqualTo(MarkFilter.Name));
            Assert.That(settings.ClientOptions.Filters.Single().Settings, Is.Empty, "a plain name: the filter's defaults");
            Assert.That(settings.ClientOptions.EjectionBackoff, Is.EqualTo(TimeSpan.FromSeconds(2)));
            Assert.That(settings.ClientOptions.MaxEjectionBackoff, Is.EqualTo(TimeSpan.FromSeconds(20)));
            Assert.That(settings.ClientOptions.EjectAfterFailures, Is.EqualTo(4));
            Assert.That(reference.Cluster.Name, Is.EqualTo("failover"));
            Assert.That(reference.Retries, Is.EqualTo(2));
            Assert.That(reference.AttemptTimeout, Is.EqualTo(TimeSpan.FromSeconds(1)));
            Assert.That(reference.Lazy, Is.True);
            Assert.That(reference.Filters.Select(f => f.Name), Is.EqualTo(new[] { "-" + MarkFilter.Name, MarkFilter.Name }));
            Assert.That(reference.Routers.Single().Settings["prefix"], Is.EqualTo("127."));
            Assert.That(reference.Methods.Single().Idempotent, Is.True);
            Assert.That(service.Tag, Is.EqualTo("gray"));
            Assert.That(service.Filters.Single().Name, Is.EqualTo("-" + MarkFilter.Name));
            Assert.That(service.Methods.Single().Timeout, Is.EqualTo(TimeSpan.FromSeconds(30)));
        });
    }

    /// <summary>
    /// The README's example with this test's types: the filter <c>bootmark</c> and the router <c>bootzone</c> stand for
    /// the example's own extensions (<see cref="TheReadmeExampleAndThisTest_SetTheSameKeys"/> keeps the two in step).
    /// </summary>
    private static string Json(string registry)
        => $$"""
            {
              "Bhrpc": {
                "Registry": "{{registry}}",
                "Extensions": {
                  "PluginFolder": "plugins"
                },
                "Server": {
                  "Host": "127.0.0.1",
                  "Port": 0,
                  "AdvertiseHost": "127.0.0.1",
                  "Serializer": "json",
                  "HeartbeatInterval": "00:00:30",
                  "MaxFrameSize": 8388608,
                  "ShutdownTimeout": "00:00:05",
                  "GracePeriod": "00:00:01",
                  "Filters": [ { "Name": "bootmark", "Text": "server" } ]
                },
                "Client": {
                  "EjectionBackoff": "00:00:02",
                  "MaxEjectionBackoff": "00:00:20",
                  "EjectAfterFailures": 4,
                  "Filters": [ "bootmark" ]
                },
                "Consumer": {
                  "Version": "1.0.0",
                  "Group": "",
                  "Registry": "{{registry}}",
                  "Serializer": "hessian2",
                  "Timeout": "00:00:05",
                  "LoadBalancer": "random",
                  "Proxy": "dispatch",
                  "Oneway": false,
                  "MethodNaming": "AsDeclared",
                  "Cluster": "failover",
                  "Retries": 2,
                  "AttemptTimeout": "00:00:01",
                  "Lazy": true
                },
                "References": {
                  "greeter": {
                    "Interface": "Bhrpc.Boot.Tests.IGreeter, Bhrpc.Boot.Tests",
                    "Version": "1.0.0",
                    "Group": "",
                    "Registry": "{{registry}}",
                    "DirectAddress": "",
                    "Serializer": "json",
                    "Timeout": "00:00:02",
                    "Oneway": false,
                    "LoadBalancer": "random",
                    "Proxy": "dispatch",
                    "ServiceName": "Bhrpc.Boot.Tests.IGreeter",
                    "MethodNaming": "AsDeclared",
                    "Cluster": "failover",
                    "Retries": 2,
                    "AttemptTimeout": "00:00:01",
                    "Lazy": true,
                    "Filters": [ "-bootmark", { "Name": "bootmark", "Text": "reference" } ],
                    "Routers": [ { "Name": "bootzone", "Prefix": "127." } ],
                    "Methods": {
                      "Hello": { "Timeout": "00:00:01", "AttemptTimeout": "300ms", "Retries": 0, "Oneway": false, "Idempotent": true }
                    }
                  }
                },
                "Services": [
                  {
                    "Interface": "Bhrpc.Boot.Tests.IGreeter, Bhrpc.Boot.Tests",
                    "Implementation": "Bhrpc.Boot.Tests.Greeter, Bhrpc.Boot.Tests",
                    "Version": "1.0.0",
                    "Group": "",
                    "Weight": 1,
                    "ServiceName": "Bhrpc.Boot.Tests.IGreeter",
                    "MethodNaming": "AsDeclared",
                    "Tag": "gray",
                    "Filters": [ "-bootmark" ],
                    "Methods": {
                      "SlowAsync": { "Timeout": "00:00:30" }
                    }
                  }
                ]
              }
            }
            """;

    /// <summary>The json block after "A complete `appsettings.json`" in the repository's README.md.</summary>
    private static string ReadmeExample()
        => ReadmeBlocks.After(l => l.StartsWith("A complete `appsettings.json`", StringComparison.Ordinal), "json", "complete appsettings.json example");

    /// <summary>Each key the json sets, with the <see cref="BhrpcConfigurationKeys.All"/> pattern it matches (null: none).</summary>
    private static List<(string Key, string? Pattern)> Patterns(string json)
    {
        var configuration = new ConfigurationBuilder().AddJsonStream(new MemoryStream(Encoding.UTF8.GetBytes(json))).Build();
        return configuration.AsEnumerable()
            .Where(kv => kv.Value is not null)
            .Select(kv => (kv.Key, BhrpcConfigurationKeys.All.FirstOrDefault(p => PatternRegex(p).IsMatch(kv.Key))))
            .ToList();
    }

    /// <summary>A pattern as a regex: each <c>{placeholder}</c> is one key segment; keys ignore case.</summary>
    private static Regex PatternRegex(string pattern)
    {
        var parts = Regex.Split(pattern, @"\{[^}]+\}").Select(Regex.Escape);
        return new Regex("^" + string.Join("[^:]+", parts) + "$", RegexOptions.IgnoreCase);
    }
}
