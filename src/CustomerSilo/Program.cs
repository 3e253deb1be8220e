using Crm.AuditLog.Hosting;
using Crm.ClusterConnection.Security;
using Crm.CustomerReadModel.Hosting;
using Crm.CustomerSilo.Cluster;
using Crm.CustomerSilo.Webhooks;
using Crm.ServiceDefaults;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Orleans.Dashboard;

// A customer silo: an Orleans silo hosting the CRM's grains. Its cluster, grain storage and reminders come from the
// standard Orleans configuration section (Orleans:Clustering, Orleans:GrainStorage:Default, Orleans:Reminders), which
// the AppHost fills for the chosen storage mode. Its HTTP port answers /health and /alive.
var builder = WebApplication.CreateBuilder(args);
builder.AddServiceDefaults();
builder.Services.TryAddSingleton(TimeProvider.System);
// In the PostgreSQL mode, the tables Orleans' ADO.NET providers expect are created before the silo starts.
builder.Services.AddOrleansPostgreSqlSchema();
// There too, an erased grain's row goes with its state, as in the other modes.
builder.Services.AddDeleteStateOnClearForAdoNet(builder.Configuration);
// The read model every customer write updates, in the mode's store (Crm:ReadModel:Provider and ConnectionString).
builder.Services.AddCustomerReadModel(builder.Configuration);
// The tenants' webhooks: the retry schedule and, for local development only, private targets (Crm:Webhooks).
builder.Services.AddWebhookDelivery(builder.Configuration);
// A tenant's erasure removes its audit entries, kept in the read model's store (see Crm.AuditLog.Hosting).
builder.Services.AddAuditLog(builder.Configuration, ReadModelServiceCollectionExtensions.ProviderKey, ReadModelServiceCollectionExtensions.ConnectionStringKey);
var tls = ClusterTls.FromConfiguration(builder.Configuration);
builder.UseOrleans(silo =>
{
    silo.UseFastFailureDetection()
        .StoreGrainStateInBinary()
        .ListenOnLoopbackWhenAdvertised()
        .AddIncomingGrainCallFilter<StoreErrors>()
        .AddActivityPropagation()
        .AddDashboard();
    if (tls is not null)
        silo.UseTls(tls.Configure);
});

var app = builder.Build();
app.UseServiceDefaults();
// The Orleans Dashboard is for operators: it is served on the silo's own HTTP port, which the gateway never routes to
// and which listens on 127.0.0.1 in local mode.
app.MapOrleansDashboard(routePrefix: "/dashboard");
app.Run();
