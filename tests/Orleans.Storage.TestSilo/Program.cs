using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Orleans.Configuration;

// Everything comes from configuration (command line --Orleans:...=..., or Orleans__... variables), as in the services:
// Orleans:Clustering, Orleans:GrainStorage:Default, Orleans:Reminders, Orleans:Endpoints. Orleans:Membership tunes
// failure detection so the tests see a killed silo declared dead in seconds.
var builder = Host.CreateApplicationBuilder(args);
builder.Services.Configure<ClusterMembershipOptions>(builder.Configuration.GetSection("Orleans:Membership"));
builder.UseOrleans();
using var host = builder.Build();
await host.StartAsync();
Console.WriteLine("READY");
await host.WaitForShutdownAsync();
