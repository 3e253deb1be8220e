using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using ActorProbes;

// A silo process for out-of-process tests and benchmarks. Configuration comes from the command line
// (--Actors:ClusterId=... --Actors:Storage:ConnectionString=...) or ACTORS__* environment variables.
// It prints "READY host:port@generation" once Active, and runs until stdin closes, SIGTERM, or kill -9.
var builder = Host.CreateApplicationBuilder(args);
builder.Logging.SetMinimumLevel(LogLevel.Warning);
builder.AddActorSilo(silo => silo.AddActor<IProbeActor, ProbeActor>());
using var host = builder.Build();
await host.StartAsync();
var silo = host.Services.GetRequiredService<Actors.Hosting.ActorSilo>();
Console.WriteLine($"READY {silo.Address}");
Console.Out.Flush();

// The parent closing our stdin means it is gone: leave gracefully rather than linger as an orphan.
var stdinClosed = Task.Run(() => Console.In.ReadToEnd());
var lifetime = host.Services.GetRequiredService<IHostApplicationLifetime>();
await Task.WhenAny(stdinClosed, Task.Delay(Timeout.Infinite, lifetime.ApplicationStopping));
await host.StopAsync();
