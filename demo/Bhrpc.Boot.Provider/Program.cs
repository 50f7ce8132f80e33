using Bhrpc.Boot;
using Bhrpc.Boot.Api;
using Bhrpc.Boot.Provider;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

// The Generic Host demo provider: exports IGreetingService over bhrpc (Bhrpc section of appsettings.json,
// overridable by environment variables such as Bhrpc__Server__Port) and serves the health checks over HTTP
// on Health:Port (default 8080) for the Kubernetes readiness and liveness probes.
var builder = WebApplication.CreateSlimBuilder(args);

var healthPort = builder.Configuration.GetValue("Health:Port", 8080);
builder.WebHost.ConfigureKestrel(kestrel => kestrel.ListenAnyIP(healthPort));

builder.Services.AddSingleton(TimeProvider.System);
builder.AddBhrpc()
    .AddService<IGreetingService, GreetingService>();
builder.Services.AddHealthChecks().AddBhrpc();

// AddBhrpc raises the host's HostOptions.ShutdownTimeout to Bhrpc:Server:GracePeriod + Bhrpc:Server:ShutdownTimeout
// + 5 s, so the host waits while the server serves its consumers for the grace period and then drains.

var app = builder.Build();

// Readiness: every check, the bhrpc one included (server listening, registered). Liveness: the process answers.
app.MapHealthChecks("/healthz");
app.MapHealthChecks("/healthz/live", new HealthCheckOptions { Predicate = _ => false });

await app.RunAsync();
