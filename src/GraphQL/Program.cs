using Actors;
using Crm.GraphQL;
using Crm.GraphQL.Tenants;
using Crm.ServiceDefaults;
using Crm.ServiceDefaults.Tenancy;
using GraphQL.Engine.Http.Ide;
using Microsoft.AspNetCore.Identity;

// The GraphQL service: the tenant API. It answers /graphql for the tenant the gateway vouches for, and
// /api/tenants for sign-up, calling customer and tenant actors through the actor runtime's client.
var builder = WebApplication.CreateBuilder(args);
builder.AddServiceDefaults("Actors", "GraphQL.Engine");
builder.AddActorClient();
builder.Services.AddSingleton<IPasswordHasher<TenantSignupRequest>, PasswordHasher<TenantSignupRequest>>();

var app = builder.Build();
app.UseServiceDefaults();
app.UseTenantContext();
// Subscriptions travel over WebSocket (graphql-transport-ws) as well as Server-Sent Events.
app.UseWebSockets();
app.MapTenantsApi();
// A browser may load the IDE page without a key: it is static HTML, and every request it sends carries the key
// the user types into it.
app.MapGraphQL("/graphql", TenantSchema.Build()).RequireTenant(allowAnonymous: IdePage.IsRequested);
app.Run();
