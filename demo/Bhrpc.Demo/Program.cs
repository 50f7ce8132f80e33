using Bhrpc;
using Bhrpc.Demo.Api;
using Bhrpc.Demo.Provider;

// bhrpc.NET demo: two providers and a consumer on the embedded `local` registry (a folder; no server needed).
var registry = new RegistryOptions { Type = "local", Address = Path.Combine(Path.GetTempPath(), $"bhrpc-demo-{Environment.ProcessId}") };
var failures = 0;

void Report(string what, bool ok, string detail)
{
    Console.WriteLine($"  [{(ok ? "ok" : "FAILED")}] {what}: {detail}");
    if (!ok)
    {
        failures++;
    }
}

var alpha = new DemoService("provider-alpha");
var beta = new DemoService("provider-beta");
await using var providerA = await new RpcServerBuilder()
    .Listen("127.0.0.1", 0)
    .UseRegistry(registry)
    .AddService<IDemoService>(alpha, s => s.Group = "demo")
    .StartAsync();
await using var providerB = await new RpcServerBuilder()
    .Listen("127.0.0.1", 0)
    .UseRegistry(registry)
    .AddService<IDemoService>(beta, s => s.Group = "demo")
    .StartAsync();
Console.WriteLine($"providers: alpha on {providerA.Address}, beta on {providerB.Address}, registry {registry.Address}");

await using (var client = new RpcClient(new ClientOptions { Registry = registry }))
{
    var demo = client.CreateProxy<IDemoService>(r =>
    {
        r.Group = "demo";
        r.Timeout = TimeSpan.FromSeconds(5);
    });
    var oneway = client.CreateProxy<IDemoService>(r =>
    {
        r.Group = "demo";
        r.Oneway = true;
    });

    Console.WriteLine("sync calls (random load balancer over both providers):");
    var answeredBy = new HashSet<string>();
    for (var i = 0; i < 6; i++)
    {
        var answer = demo.Hello("bhrpc");
        answeredBy.Add(answer[(answer.IndexOf("(from ", StringComparison.Ordinal) + 6)..^1]);
        Report($"Hello #{i + 1}", answer.StartsWith("Hello, bhrpc!", StringComparison.Ordinal), answer);
    }

    Console.WriteLine("async calls:");
    var orders = Enumerable.Range(1, 3)
        .Select(i => demo.PlaceOrderAsync(new Order($"order-{i}", 19.99m * i, ["book", "pen"], DateTimeOffset.UtcNow)))
        .ToArray();
    foreach (var order in await Task.WhenAll(orders))
    {
        Report($"PlaceOrderAsync {order.Id}", order.ConfirmedBy is not null && order.Items.Count == 2, $"{order.Amount} confirmed by {order.ConfirmedBy}");
    }

    Console.WriteLine("oneway call:");
    oneway.Audit("demo audit entry");
    using var wait = new CancellationTokenSource(TimeSpan.FromSeconds(5));
    var audited = await Task.WhenAny(alpha.Audited.Reader.ReadAsync(wait.Token).AsTask(), beta.Audited.Reader.ReadAsync(wait.Token).AsTask());
    Report("Audit (no response expected)", audited.IsCompletedSuccessfully, audited.IsCompletedSuccessfully ? $"provider received '{audited.Result}'" : "provider never received it");

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

    Console.WriteLine($"providers that answered: {string.Join(", ", answeredBy.Order())}");
}

await providerA.StopAsync();
await providerB.StopAsync();
try
{
    Directory.Delete(registry.Address!, recursive: true);
}
catch (IOException)
{
    // Best effort: the folder lives under the temp path.
}

Console.WriteLine(failures == 0 ? "demo finished: every call behaved as expected" : $"demo finished with {failures} failure(s)");
return failures == 0 ? 0 : 1;
