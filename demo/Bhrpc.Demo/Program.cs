using Bhrpc;
using Bhrpc.Demo.Api;
using Bhrpc.Demo.Consumer;
using Bhrpc.Demo.Hosting;
using Bhrpc.Demo.Provider;

// bhrpc.NET demo: two providers in their own processes and a consumer in this one, meeting in a
// registry: the embedded `local` one by default (a folder; no server), or --registry URL
// (zookeeper://127.0.0.1:2181, etcd://127.0.0.1:2379).
DemoArguments arguments;
try
{
    arguments = DemoArguments.Parse(args);
}
catch (Exception e) when (e is ArgumentException or RpcException)
{
    Console.Error.WriteLine(e.Message);
    return 2;
}

if (arguments.Role == "provider")
{
    return await ProviderMain.RunAsync(arguments.Registry, arguments.Name);
}

var registry = arguments.Registry;
var registryUrl = registry.ToString();
var failures = 0;

void Report(string what, bool ok, string detail)
{
    Console.WriteLine($"  [{(ok ? "ok" : "FAILED")}] {what}: {detail}");
    if (!ok)
    {
        failures++;
    }
}

Console.WriteLine($"registry: {registryUrl}; serializer: {arguments.Serializer}");
var providers = new List<ProviderProcess>();
try
{
    foreach (var name in new[] { "provider-alpha", "provider-beta" })
    {
        var provider = await ProviderProcess.StartAsync(name, registryUrl);
        providers.Add(provider);
        Console.WriteLine($"started {name} (process) on {provider.Address}");
    }

    await using var client = new RpcClient(new ClientOptions { Registry = registry });
    var demo = client.CreateProxy<IDemoService>(r =>
    {
        r.Group = "demo";
        r.Timeout = TimeSpan.FromSeconds(5);
        r.Serializer = arguments.Serializer;
    });
    var oneway = client.CreateProxy<IAuditLog>(r =>
    {
        r.Group = "demo";
        r.Oneway = true;
        r.Serializer = arguments.Serializer;
    });

    // The registry may take a moment to show both providers to a fresh consumer.
    var answeredBy = new HashSet<string>();
    var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(5);
    Console.WriteLine("sync calls (random load balancer over both providers):");
    for (var i = 0; i < 6 || (answeredBy.Count < 2 && DateTime.UtcNow < deadline); i++)
    {
        var answer = demo.Hello("bhrpc");
        answeredBy.Add(answer[(answer.IndexOf("(from ", StringComparison.Ordinal) + 6)..^1]);
        if (i < 6)
        {
            Report($"Hello #{i + 1}", answer.StartsWith("Hello, bhrpc!", StringComparison.Ordinal), answer);
        }
    }

    Console.WriteLine("async calls:");
    if (arguments.Serializer == "protobuf")
    {
        // protobuf carries Google.Protobuf messages, primitives and strings: the demo's records stay with json and hessian2.
        var greeter = client.CreateProxy<IProtoGreeter>(r =>
        {
            r.Group = "demo";
            r.Serializer = arguments.Serializer;
        });
        var request = new Bhrpc.Demo.Api.Proto.GreetingRequest { Name = "protobuf", Languages = { "C#", "Java" } };
        foreach (var reply in await Task.WhenAll(Enumerable.Range(1, 3).Select(_ => greeter.GreetAsync(request))))
        {
            Report("GreetAsync(GreetingRequest)", reply.Message == "Hello, protobuf!" && reply.LanguageCount == 2, $"{reply.Message} from {reply.From}");
        }
    }
    else
    {
        var orders = Enumerable.Range(1, 3)
            .Select(i => demo.PlaceOrderAsync(new Order($"order-{i}", 19.99m * i, ["book", "pen"], DateTime.UtcNow)))
            .ToArray();
        foreach (var order in await Task.WhenAll(orders))
        {
            Report($"PlaceOrderAsync {order.Id}", order.ConfirmedBy is not null && order.Items.Count == 2, $"{order.Amount} confirmed by {order.ConfirmedBy}");
        }
    }

    Console.WriteLine("oneway call:");
    oneway.Audit("demo audit entry");
    var audited = await Task.WhenAny(providers.Select(p => p.WaitForLineAsync("audited ", TimeSpan.FromSeconds(5))));
    Report("Audit (no response expected)", audited.IsCompletedSuccessfully, audited.IsCompletedSuccessfully ? $"a provider printed '{audited.Result}'" : "no provider received it");

    Console.WriteLine("a call that throws on the provider:");
    try
    {
        demo.Divide(1, 0);
        Report("Divide(1, 0)", false, "expected an exception");
    }
    catch (RpcException e)
    {
        Report("Divide(1, 0)", e.StatusCode == RpcStatusCode.RemoteError && e.RemoteType == typeof(DivideByZeroException).FullName, $"{e.StatusCode}, remote {e.RemoteType}: {e.Message}");
    }

    Report("both providers answered", answeredBy.Count == 2, string.Join(", ", answeredBy.Order()));

    Console.WriteLine("the Spring-style front ends (XML contexts, attributes, Autofac):");
    await FrontEndsTour.RunAsync(registryUrl, arguments.Serializer, Report);
}
catch (Exception e) when (e is RpcException or TimeoutException or InvalidOperationException or Bhrpc.Spring.Context.ObjectDefinitionException)
{
    Report("demo", false, e.Message);
}
finally
{
    foreach (var provider in providers)
    {
        await provider.DisposeAsync();
    }

    if (!arguments.RegistryGiven && registry.Address is { } folder && Directory.Exists(folder))
    {
        Directory.Delete(folder, recursive: true);
    }
}

Console.WriteLine(failures == 0 ? "demo finished: every call behaved as expected" : $"demo finished with {failures} failure(s)");
return failures == 0 ? 0 : 1;
