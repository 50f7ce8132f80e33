using System.Text;
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
        var registry = "local://" + folder;
        var json = $$"""
            {
              "Bhrpc": {
                "Registry": "{{registry}}",
                "Server": {
                  "Host": "127.0.0.1",
                  "Port": 0,
                  "AdvertiseHost": "127.0.0.1",
                  "Serializer": "json",
                  "HeartbeatInterval": "00:00:30",
                  "MaxFrameSize": 8388608,
                  "ShutdownTimeout": "00:00:05"
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
                    "MethodNaming": "AsDeclared"
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
                    "MethodNaming": "AsDeclared"
                  }
                ]
              }
            }
            """;
        try
        {
            var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });
            builder.Configuration.AddJsonStream(new MemoryStream(Encoding.UTF8.GetBytes(json)));
            builder.Services.AddSingleton<Gate>();
            builder.AddBhrpc();
            using var host = builder.Build();
            await host.StartAsync().WaitAsync(TestHosts.Bound);
            try
            {
                var greeter = host.Services.GetRequiredService<IGreeter>();
                Assert.That(greeter.Hello("readme"), Is.EqualTo("hello readme"));
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
