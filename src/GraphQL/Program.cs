using Crm.AuditLog.Hosting;
using Crm.ClusterConnection;
using Crm.Contracts.Tenants.Access;
using Crm.GraphQL.Access.Invitations;
using Crm.Mail.Hosting;
using Crm.CustomerReadModel.Hosting;
using Crm.GraphQL;
using Crm.GraphQL.Csv;
using Crm.GraphQL.Customers;
using Crm.GraphQL.Metering;
using Crm.GraphQL.PersistedDocuments;
using Crm.GraphQL.Tenants;
using Crm.GraphQL.Tenants.Export;
using Crm.ServiceDefaults;
using Crm.ServiceDefaults.Tenancy;
using GraphQL.Engine.Execution;
using GraphQL.Engine.Http;
using GraphQL.Engine.Http.Ide;
using GraphQL.Engine.Types;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection.Extensions;

// The GraphQL service: the tenant API. It answers /graphql for the tenant the gateway vouches for, and
// /api/tenants for sign-up, /invitations/accept for the invited, /api/persisted-documents for each tenant's trusted
// operations and /api/imports and /api/customers.csv for CSV import and export, /api/export for all of a tenant's
// data, calling the grains as an Orleans client.
var builder = WebApplication.CreateBuilder(args);
builder.AddServiceDefaults("GraphQL.Engine");
builder.AddClusterClient();
builder.Services.AddSingleton<IPasswordHasher<TenantUser>, PasswordHasher<TenantUser>>();
builder.Services.AddMemoryCache(o => o.SizeLimit = 100_000);
builder.Services.AddSingleton(TenantSchema.Build());
// One set of limits for /graphql and for the check of documents before they are persisted, so a document is
// accepted for keeping exactly when /graphql would run it.
var limits = ExecutionOptions.Default;
builder.Services.AddSingleton(services => new DocumentExecutor(services.GetRequiredService<Schema>(), limits));
builder.Services.AddSingleton<TenantPersistedDocumentStore>();
builder.Services.AddSingleton<CustomerFeedHub>();
builder.Services.AddSingleton<TenantExport>();
builder.Services.TryAddSingleton(TimeProvider.System);
// Invitations are mailed: to an SMTP server when Mail:Smtp:Host is set, else as .eml files into the data folder's mail/.
builder.Services.AddOutgoingMail(builder.Configuration,
    builder.Configuration["Crm:DataDirectory"] is { Length: > 0 } data ? Path.Combine(data, "mail") : null);
builder.Services.AddSingleton(PublicAddress.From(builder.Configuration));
builder.Services.AddSingleton<InvitationMail>();
// Lists, filters, search and duplicate candidates read the tenant-scoped read model the silos write.
builder.Services.AddCustomerReadModel(builder.Configuration);
// The audit log lives in the read model's store (a table of its PostgreSQL database, or audit.db beside its SQLite file).
builder.Services.AddAuditLog(builder.Configuration, ReadModelServiceCollectionExtensions.ProviderKey, ReadModelServiceCollectionExtensions.ConnectionStringKey);

var app = builder.Build();
app.UseServiceDefaults();
app.UseTenantContext();
// Every answer names the cell that gave it (Crm:Cell, set by the AppHost): the gateway routes each tenant to its
// cell, and this is how an operator or a test sees where a request went.
if (app.Configuration["Crm:Cell"] is { } cell)
    app.Use((http, next) =>
    {
        http.Response.Headers["X-Crm-Cell"] = cell;
        return next(http);
    });
// Subscriptions travel over WebSocket (graphql-transport-ws) as well as Server-Sent Events.
app.UseWebSockets();
app.MapTenantsApi();
app.MapInvitationPage();
app.MapPersistedDocumentsApi();
app.MapCustomerCsvApi();
app.MapTenantExportApi();
// A browser may load the IDE page without a key: it is static HTML, and every request it sends carries the key
// the user types into it.
app.MapGraphQL("/graphql", app.Services.GetRequiredService<Schema>(), new GraphQLHttpOptions
{
    Execution = limits,
    PersistedDocuments = app.Services.GetRequiredService<TenantPersistedDocumentStore>(),
    // Apollo clients' automatic persisted queries, remembered per tenant: no tenant reuses another's texts.
    AutomaticPersistedQueries = new() { Partition = services => services.GetRequiredService<TenantContext>().RequireTenantId() },
    // Each request's validation and execution work counts against the tenant's plan at the gateway.
    OnRequestWork = OperationCharges.ChargeAsync,
}).RequireTenant(allowAnonymous: IdePage.IsRequested);
app.Run();
