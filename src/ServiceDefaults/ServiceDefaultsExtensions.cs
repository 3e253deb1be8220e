using Crm.ServiceDefaults.Errors;
using Crm.ServiceDefaults.Health;
using Crm.ServiceDefaults.Telemetry;
using Crm.ServiceDefaults.Tenancy;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Crm.ServiceDefaults;

/// <summary>What every Crm.Saas service wires the same way, as eShop's ServiceDefaults do.</summary>
public static class ServiceDefaultsExtensions
{
    /// <summary>
    /// OpenTelemetry (exported over OTLP when OTEL_EXPORTER_OTLP_ENDPOINT is set), health checks, service discovery and
    /// the standard resilience handler on every HttpClient, problem-details errors, and the gateway's signed tenant context.
    /// </summary>
    /// <param name="telemetrySources">The service's own ActivitySource and Meter names, besides the framework's and Orleans'.</param>
    public static IHostApplicationBuilder AddServiceDefaults(this IHostApplicationBuilder builder, params string[] telemetrySources)
    {
        builder.AddTelemetry(telemetrySources);
        builder.AddDefaultHealthChecks();

        // Calls between services name the service ("http://graphql"); the AppHost's services__<name>__http__0 says where it is.
        builder.Services.AddServiceDiscovery();
        builder.Services.ConfigureHttpClientDefaults(http =>
        {
            http.AddStandardResilienceHandler();
            http.AddServiceDiscovery();
        });

        // A line per request (and per health probe) buries what matters in a service's console log; request figures
        // belong to the metrics. A more specific category in configuration (such as
        // Logging:LogLevel:Microsoft.AspNetCore.Hosting.Diagnostics) turns them back on.
        builder.Logging.AddFilter("Microsoft.AspNetCore", LogLevel.Warning);
        builder.Logging.AddFilter("Yarp", LogLevel.Warning);
        // Orleans logs its every option at start, and Polly (which Orleans' placement runs through) a line per grain
        // placement: at Information they flood the console the dashboard shows and slow a busy silo down.
        builder.Logging.AddFilter("Orleans", LogLevel.Warning);
        builder.Logging.AddFilter("Polly", LogLevel.Warning);

        builder.AddErrorResponses();
        builder.AddTenantContext();
        return builder;
    }

    /// <summary>
    /// Answers failures as problem details, and maps /health and /alive; call it before other middleware. Services
    /// that act for tenants also call <see cref="TenantContextExtensions.UseTenantContext"/>; the gateway does not,
    /// because it establishes the tenant context rather than trusting one.
    /// </summary>
    public static WebApplication UseServiceDefaults(this WebApplication app)
    {
        app.UseErrorResponses();
        app.MapDefaultEndpoints();
        return app;
    }
}
