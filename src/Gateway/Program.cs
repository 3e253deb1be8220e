using Crm.ClusterConnection;
using Crm.Contracts.Tenants.Directory;
using Crm.Gateway;
using Crm.Gateway.Audit;
using Crm.Gateway.Authentication;
using Crm.Gateway.Cells;
using Crm.Gateway.Health;
using Crm.Gateway.Metering;
using Crm.Gateway.Routing;
using Crm.ServiceDefaults;

// The gateway: the one public address. It authenticates API keys and portal sessions, limits each tenant by its
// plan, signs the tenant context, and forwards /graphql and /api/* with YARP to the GraphQL service of the tenant's cell.
var builder = WebApplication.CreateBuilder(args);
builder.AddServiceDefaults();
builder.AddClusterClient();

builder.AddGateway();
builder.Services.AddMemoryCache(o => o.SizeLimit = 100_000);
// The directory lives in the home cell, whose cluster is the gateway's own client's; the other cells' clients start with the gateway.
builder.Services.AddSingleton<ITenantDirectoryGrain, HomeCellDirectory>();
builder.Services.AddSingleton<CellClusterClients>();
builder.Services.AddSingleton<ICellClients>(sp => sp.GetRequiredService<CellClusterClients>());
builder.Services.AddHostedService(sp => sp.GetRequiredService<CellClusterClients>());
builder.Services.AddSingleton<GrainTenantCredentials>();
builder.Services.AddSingleton<ITenantCredentials>(services => services.GetRequiredService<GrainTenantCredentials>());
builder.Services.AddHostedService<CredentialRevocationListener>();
// Sign-ins and refused keys go to the tenant's audit log in its cell.
builder.Services.AddSingleton<IGatewayAuditTrail, CellAuditTrail>();
builder.Services.AddHostedService<UsageReporter>();
builder.Services.AddHttpClient(nameof(UpstreamHealthCheck), c => c.Timeout = TimeSpan.FromSeconds(5));
builder.Services.AddHealthChecks().Add(new("graphql", sp => new UpstreamHealthCheck(
    sp.GetRequiredService<IHttpClientFactory>(), GatewayRoutes.GraphQL, GatewayRoutes.ServiceAddress(builder.Configuration, GatewayRoutes.GraphQL)), null, null));

var app = builder.Build();
app.UseServiceDefaults();
app.UseGateway();
app.Run();

/// <summary>Visible to the gateway's tests, which host it in-process.</summary>
public partial class Program;
