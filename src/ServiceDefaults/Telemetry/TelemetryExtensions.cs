using OpenTelemetry;
using OpenTelemetry.Exporter;
using OpenTelemetry.Metrics;
using OpenTelemetry.Resources;
using OpenTelemetry.Trace;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace Crm.ServiceDefaults.Telemetry;

public static class TelemetryExtensions
{
    // ASP.NET Core and HttpClient publish their own spans and meters under these names; the
    // instrumentation packages that usually subscribe to them are not in the registry here.
    private static readonly string[] FrameworkSources = ["Microsoft.AspNetCore", "System.Net.Http"];
    private static readonly string[] FrameworkMeters =
        ["Microsoft.AspNetCore.Hosting", "Microsoft.AspNetCore.Server.Kestrel", "System.Net.Http", "System.Runtime"];

    /// <summary>
    /// Builds the tracer and meter providers only when an OTLP endpoint is configured, so a plain local run
    /// pays nothing for telemetry. The providers live in the container and are disposed (flushed) with the host.
    /// </summary>
    public static void AddTelemetry(this IHostApplicationBuilder builder, IReadOnlyCollection<string> serviceSources)
    {
        if (OtlpTarget.FromConfiguration(builder.Configuration) is not { } otlp)
            return;

        var serviceName = builder.Configuration["OTEL_SERVICE_NAME"] ?? builder.Environment.ApplicationName;
        var resource = ResourceBuilder.CreateDefault().AddService(serviceName);

        builder.Services.AddSingleton(_ => Sdk.CreateTracerProviderBuilder()
            .SetResourceBuilder(resource)
            .AddSource([.. FrameworkSources, .. serviceSources])
            .AddOtlpExporter(o => { o.Protocol = otlp.Protocol; o.Endpoint = otlp.Traces; })
            .Build());
        builder.Services.AddSingleton(_ => Sdk.CreateMeterProviderBuilder()
            .SetResourceBuilder(resource)
            .AddMeter([.. FrameworkMeters, .. serviceSources])
            .AddOtlpExporter(o => { o.Protocol = otlp.Protocol; o.Endpoint = otlp.Metrics; })
            .Build());
        // Resolve both at start-up: a singleton nobody asks for is never built, and would never listen.
        builder.Services.AddHostedService<TelemetryStarter>();
    }

    private sealed class TelemetryStarter(TracerProvider tracing, MeterProvider metrics) : IHostedService
    {
        public Task StartAsync(CancellationToken cancellationToken) => Task.CompletedTask;

        public Task StopAsync(CancellationToken cancellationToken)
        {
            tracing.ForceFlush(2000);
            metrics.ForceFlush(2000);
            return Task.CompletedTask;
        }
    }
}
