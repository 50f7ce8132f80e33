using Bhrpc.Boot;
using Bhrpc.Boot.Api;
using Bhrpc.Boot.Consumer;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

// The Generic Host demo consumer: calls the provider's IGreetingService (reference "greeter", configured under
// Bhrpc:References:greeter) every Interval, Calls times (--calls N, default 10; 0 calls until stopped), then exits:
// 0 when every call succeeded, 1 otherwise.
var builder = Host.CreateApplicationBuilder(args);
builder.AddBhrpc()
    .AddReference<IGreetingService>("greeter");

var settings = new CallerSettings(
    builder.Configuration.GetValue("Calls", 10),
    builder.Configuration.GetValue("Interval", TimeSpan.FromSeconds(1)));

using var host = builder.Build();
await host.StartAsync();

var lifetime = host.Services.GetRequiredService<IHostApplicationLifetime>();
var greeter = host.Services.GetRequiredService<IGreetingService>();
var logger = host.Services.GetRequiredService<ILoggerFactory>().CreateLogger("Bhrpc.Boot.Consumer");

var failures = await Caller.RunAsync(greeter, settings, logger, lifetime.ApplicationStopping);

await host.StopAsync();
return failures == 0 ? 0 : 1;
