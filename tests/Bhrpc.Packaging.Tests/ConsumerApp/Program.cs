// The consumer app the packaging test builds from the packed packages: one call through the native API
// (RpcServer + RpcClient), one with the msgpack serializer named only as a string (the package loads itself),
// one object from an XML application context, one call through a Generic Host.
using Bhrpc;
using Bhrpc.Boot;
using Bhrpc.Spring.Context;
using Consumer;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

var bound = TimeSpan.FromSeconds(30);

await using (var server = await new RpcServerBuilder()
    .Listen("127.0.0.1", 0)
    .UseRegistry("local")
    .AddService<IGreeter>(new Greeter(), s => s.Group = "native")
    .StartAsync().WaitAsync(bound))
{
    await using var client = new RpcClient(new ClientOptions { Registry = new RegistryOptions { Type = "local" } });
    var greeter = client.CreateProxy<IGreeter>(r => r.Group = "native");
    Console.WriteLine("native: " + greeter.Hello("native"));
    var packed = client.CreateProxy<IGreeter>(r =>
    {
        r.Group = "native";
        r.Serializer = "msgpack";
    });
    Console.WriteLine("msgpack: " + packed.Hello("msgpack"));
}

await using (var context = new XmlApplicationContext(Path.Combine(AppContext.BaseDirectory, "context.xml")))
{
    Console.WriteLine("xml: " + context.GetObject<Greeting>("greeting").Text);
}

var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });
builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
{
    ["Bhrpc:Registry"] = "local://",
    ["Bhrpc:Server:Host"] = "127.0.0.1",
    ["Bhrpc:Server:Port"] = "0",
    ["Bhrpc:Consumer:Group"] = "boot",
});
builder.AddBhrpc()
    .AddService<IGreeter, Greeter>(s => s.Group = "boot")
    .AddReference<IGreeter>("greeter");
using var host = builder.Build();
await host.StartAsync().WaitAsync(bound);
Console.WriteLine("boot: " + host.Services.GetRequiredService<IGreeter>().Hello("boot"));
await host.StopAsync().WaitAsync(bound);

namespace Consumer
{
    public interface IGreeter
    {
        string Hello(string name);
    }

    public sealed class Greeter : IGreeter
    {
        public string Hello(string name) => "hello " + name;
    }

    public sealed class Greeting
    {
        public string Text { get; set; } = string.Empty;
    }
}
