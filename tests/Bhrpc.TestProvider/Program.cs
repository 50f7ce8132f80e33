using Bhrpc;
using Bhrpc.TestProvider;
using Microsoft.Extensions.Logging;

// The README's console provider, run by the tests as its own process. Arguments: the folder of a
// `local` registry; then "--start-only" to leave out WaitForShutdownAsync, so that a test sees what
// a started server alone does with SIGTERM (nothing: the runtime's default ends the process).
if (args.Length is < 1 or > 2 || (args.Length == 2 && args[1] != "--start-only"))
{
    Console.Error.WriteLine("usage: Bhrpc.TestProvider REGISTRY_FOLDER [--start-only]");
    return 2;
}

using var logging = LoggerFactory.Create(b => b.AddSimpleConsole(o => o.SingleLine = true));
await using var server = await new RpcServerBuilder()
    .Listen("127.0.0.1", 0)
    .UseRegistry("local", args[0])
    .Configure(o => { o.LoggerFactory = logging; o.ShutdownTimeout = TimeSpan.FromSeconds(5); })
    .AddService<IEcho>(new EchoService())
    .StartAsync();

if (args.Length == 2)
{
    // Bounded, so that a test that fails to end this process does not leave it behind for long.
    await Task.Delay(TimeSpan.FromMinutes(2));
    return 3;
}

await server.WaitForShutdownAsync();   // SIGTERM or Ctrl+C: deregisters, lets calls finish, stops
return 0;
