using Crm.CustomerSilo;
using Crm.ServiceDefaults;
using Microsoft.Extensions.DependencyInjection.Extensions;

// A customer silo: hosts the actor runtime and the CRM's actors. It serves actor calls over the runtime's
// TCP transport; its HTTP port only answers /health and /alive.
var builder = WebApplication.CreateBuilder(args);
builder.AddServiceDefaults("Actors");
builder.Services.TryAddSingleton(TimeProvider.System);
builder.AddActorSilo(silo => silo.AddCrmActors());

var app = builder.Build();
app.UseServiceDefaults();
app.Run();
