using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using OpenTelemetry;
using OpenTelemetry.Logs;
using OpenTelemetry.Metrics;
using OpenTelemetry.Trace;

namespace Crm.ServiceDefaults.Telemetry;

/// <summary>
/// Gives the telemetry still queued when the host has stopped a bounded time to leave. Left to disposal, the OTLP
/// exporters wait for every queued batch: on a busy machine a silo spent 7 s there after its graceful stop, past the
/// time Aspire waits for a stopped process before it kills it, so a clean stop ended as a kill.
/// </summary>
internal sealed class BoundedTelemetryFlush(IServiceProvider services) : IHostedLifecycleService
{
    public static readonly TimeSpan Patience = TimeSpan.FromSeconds(2);

    public Task StoppedAsync(CancellationToken cancellationToken)
    {
        // One budget for all three signals, flushed side by side.
        var milliseconds = (int)Patience.TotalMilliseconds;
        Parallel.Invoke(
            () => services.GetService<TracerProvider>()?.Shutdown(milliseconds),
            () => services.GetService<MeterProvider>()?.Shutdown(milliseconds),
            () => services.GetService<LoggerProvider>()?.Shutdown(milliseconds));
        return Task.CompletedTask;
    }

    public Task StartingAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StartAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StartedAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StoppingAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
