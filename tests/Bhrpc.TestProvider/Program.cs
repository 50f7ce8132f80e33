using Bhrpc;
using Bhrpc.TestProvider;
using Microsoft.Extensions.Logging;

// The README's console provider, run by the tests as its own process. Arguments: the folder of a
// `local` registry; then "--start-only" to leave out WaitForShutdownAsync, so that a test sees what
// a started server alone does with SIGTERM (nothing: the runtime's default ends the process); or
// "--load" to export the fault tests' ILoadService instead of IEcho.
var flag = args.Length == 2 ? args[1] : null;
if (args.Length is < 1 or > 2 || (flag is not null and not "--start-only" and not "--load"))
{
    Console.Error.WriteLine("usage: Bhrpc.TestProvider REGISTRY_FOLDER [--start-only | --load]");
    return 2;
}

using var logging = LoggerFactory.Create(b => b.AddSimpleConsole(o => o.SingleLine = true));
var builder = new RpcServerBuilder()
    .Listen("127.0.0.1", 0)
    .UseRegistry("local", args[0])
    .Configure(o => { o.LoggerFactory = logging; o.ShutdownTimeout = TimeSpan.FromSeconds(5); });
builder = flag == "--load" ? builder.AddService<ILoadService>(new LoadService()) : builder.AddService<IEcho>(new EchoService());
await using var server = await builder.StartAsync();

if (flag == "--start-only")
{
    // Bounded, so that a test that fails to end this process does not leave it behind for long.
    await Task.Delay(TimeSpan.FromMinutes(2));
    return 3;
}

await server.WaitForShutdownAsync();   // SIGTERM or Ctrl+C: deregisters, lets calls finish, stops
return 0;
