using Actors;
using Crm.Contracts.Customers;
using Crm.Contracts.Tenants;
using Crm.CustomerSilo.Customers;
using Crm.CustomerSilo.Tenants;
using Crm.ServiceDefaults;

// A customer silo: hosts the actor runtime and the CRM's actors. It serves actor calls over the runtime's
// TCP transport; its HTTP port only answers /health and /alive.
var builder = WebApplication.CreateBuilder(args);
builder.AddServiceDefaults("Actors");
builder.AddActorSilo(silo => silo
    .AddActor<ICustomerActor, CustomerActor>()
    .AddActor<ITenantActor, TenantActor>()
    .AddActor<ITenantSlugActor, TenantSlugActor>());

var app = builder.Build();
app.UseServiceDefaults();
app.Run();
