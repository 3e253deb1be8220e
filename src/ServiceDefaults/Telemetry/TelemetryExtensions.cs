using System.Globalization;
using Crm.ServiceDefaults.Health;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using OpenTelemetry;
using OpenTelemetry.Metrics;
using OpenTelemetry.Trace;

namespace Crm.ServiceDefaults.Telemetry;

public static class TelemetryExtensions
{
    /// <summary>
    /// Orleans' meter and the activity sources of grain calls and storage (Orleans.Core.Abstractions' ActivitySources).
    /// Not Microsoft.Orleans.Runtime: its spans are the silos' own system calls (membership probes every second), which
    /// would bury the requests.
    /// </summary>
    public static readonly string[] OrleansMeters = ["Microsoft.Orleans"];
    public static readonly string[] OrleansActivitySources = ["Microsoft.Orleans.Application", "Microsoft.Orleans.Storage"];

    private const int ExportTimeoutMilliseconds = 2_000;

    /// <summary>
    /// Logs, traces and metrics through OpenTelemetry, as eShop's ServiceDefaults wire them: ASP.NET Core, HttpClient and
    /// runtime instrumentation, Orleans' sources, and the service's own. They are exported over OTLP only when
    /// <c>OTEL_EXPORTER_OTLP_ENDPOINT</c> is set (the AppHost sets it to the dashboard), with the exporter reading the
    /// other standard <c>OTEL_*</c> settings (protocol, headers, intervals) itself.
    /// </summary>
    /// <param name="serviceSources">The service's own ActivitySource and Meter names.</param>
    public static IHostApplicationBuilder AddTelemetry(this IHostApplicationBuilder builder, IReadOnlyCollection<string> serviceSources)
    {
        builder.Logging.AddOpenTelemetry(logging =>
        {
            logging.IncludeFormattedMessage = true;
            logging.IncludeScopes = true;
        });

        builder.Services.AddOpenTelemetry()
            .WithMetrics(metrics => metrics
                .AddAspNetCoreInstrumentation()
                .AddHttpClientInstrumentation()
                .AddRuntimeInstrumentation()
                .AddMeter([.. OrleansMeters, .. serviceSources]))
            .WithTracing(tracing => tracing
                .AddSource([builder.Environment.ApplicationName, .. OrleansActivitySources, .. serviceSources])
                // Health probes come every few seconds from the AppHost; as traces they would bury the requests.
                .AddAspNetCoreInstrumentation(aspnet => aspnet.Filter = http => !IsHealthProbe(http.Request.Path))
                .AddHttpClientInstrumentation());

        if (!string.IsNullOrWhiteSpace(builder.Configuration["OTEL_EXPORTER_OTLP_ENDPOINT"]))
        {
            // An export waits at most this long for the collector (OpenTelemetry's default is 10 s), so that a
            // collector that stalls cannot hold a stopping service past what BoundedTelemetryFlush allows.
            builder.Configuration["OTEL_EXPORTER_OTLP_TIMEOUT"] ??= ExportTimeoutMilliseconds.ToString(CultureInfo.InvariantCulture);
            builder.Services.AddOpenTelemetry().UseOtlpExporter();
            builder.Services.AddHostedService<BoundedTelemetryFlush>();
        }
        return builder;
    }

    private static bool IsHealthProbe(PathString path) =>
        path.StartsWithSegments(HealthEndpoints.HealthPath) || path.StartsWithSegments(HealthEndpoints.AlivePath);
}
