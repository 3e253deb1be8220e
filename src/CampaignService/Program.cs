using Crm.ClusterConnection;
using Crm.ServiceDefaults;

// The campaign service: campaigns, schedules, dispatch and tracking will live here (the campaign issue).
// Today it is only a running member of the system: it joins as an Orleans client and reports its health,
// so the AppHost, the health model and the deployment shape are already true to the final picture.
var builder = WebApplication.CreateBuilder(args);
builder.AddServiceDefaults();
builder.AddClusterClient();

var app = builder.Build();
app.UseServiceDefaults();
app.Run();
