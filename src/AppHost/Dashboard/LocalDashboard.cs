using Microsoft.Extensions.Configuration;
using Crm.AppHost.Networking;

namespace Crm.AppHost.Dashboard;

/// <summary>
/// The dashboard's settings when nobody gave them (no launch profile: `dotnet Crm.AppHost.dll` and the tests run it
/// that way too). Everything on 127.0.0.1 over http, since the machines here have no developer certificate; the
/// dashboard still requires its browser token. Free ports, so two AppHosts on two data folders never collide.
/// </summary>
public static class LocalDashboard
{
    public static void ApplyDefaults(IDistributedApplicationBuilder builder)
    {
        var configuration = builder.Configuration;
        var missing = new Dictionary<string, string?>();
        void Default(string key, Func<string> value, string? legacyKey = null)
        {
            if (string.IsNullOrEmpty(configuration[key]) && (legacyKey is null || string.IsNullOrEmpty(configuration[legacyKey])))
                missing[key] = value();
        }

        var ports = LoopbackPorts.AllocateFree(2);
        Default("ASPNETCORE_URLS", () => $"http://127.0.0.1:{ports[0]}");
        Default("ASPIRE_DASHBOARD_OTLP_ENDPOINT_URL", () => $"http://127.0.0.1:{ports[1]}", legacyKey: "DOTNET_DASHBOARD_OTLP_ENDPOINT_URL");
        Default("ASPIRE_ALLOW_UNSECURED_TRANSPORT", () => "true");
        // A stop (Ctrl-C, SIGTERM) returns only after every process the orchestrator started has gone.
        Default("DcpPublisher:WaitForResourceCleanup", () => "true");
        configuration.AddInMemoryCollection(missing);
    }
}
