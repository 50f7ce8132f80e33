using System.Text;
using Bhrpc.Boot.Internal;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace Bhrpc.Boot.Tests;

/// <summary>The README's complete appsettings.json, every key set, with this test's types and a local registry: it binds, starts and calls.</summary>
public sealed class CompleteExampleTests
{
    [Test]
    public async Task EveryKeyOfTheReadmeExample_BindsStartsAndCalls_WithTheKeysInEffectToday()
        => await StartAndCallAsync(serviceTagAndMethods: false);

    [Test]
    public async Task EveryKeyOfTheReadmeExample_BindsStartsAndCalls()
        => await StartAndCallAsync(serviceTagAndMethods: true);

    [Test]
    public void EveryKeyOfTheReadmeExample_Binds()
    {
        var configuration = new ConfigurationBuilder().AddJsonStream(new MemoryStream(Encoding.UTF8.GetBytes(Json("local://" + Path.GetTempPath(), serviceTagAndMethods: true)))).Build();

        var settings = BhrpcSettings.Read(configuration);
        var reference = settings.ComposeReference("greeter", typeof(IGreeter), configure: null);

        var service = settings.Services.Single().ToServiceOptions(new Greeter(new Gate()));
        Assert.Multiple(() =>
        {
            Assert.That(settings.Extensions.Options.PluginFolder, Is.EqualTo(Path.Combine(AppContext.BaseDirectory, "plugins")));
            Assert.That(settings.ServerOptions.Filters.Single().Settings["text"], Is.EqualTo("server"));
            Assert.That(settings.ClientOptions.Filters.Single().Settings["text"], Is.EqualTo("client"));
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
    /// the example's own extensions. Without <paramref name="serviceTagAndMethods"/> the keys Core still refuses (a
    /// service's tag and methods) are left out.
    /// </summary>
    private static string Json(string registry, bool serviceTagAndMethods)
    {
        var service = serviceTagAndMethods ? """
                    ,
                    "Tag": "gray",
                    "Methods": {
                      "SlowAsync": { "Timeout": "00:00:30" }
                    }
            """ : string.Empty;
        return $$"""
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
                  "Filters": [ { "Name": "bootmark", "Text": "server" } ]
                },
                "Client": {
                  "Filters": [ { "Name": "bootmark", "Text": "client" } ]
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
                  "MethodNaming": "AsDeclared"
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
                    "Filters": [ "-bootmark" ]
                    {{service}}
                  }
                ]
              }
            }
            """;
    }

    private static async Task StartAndCallAsync(bool serviceTagAndMethods)
    {
        var folder = Path.Combine(Path.GetTempPath(), "bhrpc-boot-example-" + Guid.NewGuid().ToString("N"));
        try
        {
            var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });
            builder.Configuration.AddJsonStream(new MemoryStream(Encoding.UTF8.GetBytes(Json("local://" + folder, serviceTagAndMethods))));
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
                Assert.That(registered.Tag, Is.EqualTo(serviceTagAndMethods ? "gray" : null), "Services:0:Tag is what the registry publishes");
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
}
