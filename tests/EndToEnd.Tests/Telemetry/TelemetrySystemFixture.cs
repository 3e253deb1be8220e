namespace EndToEnd.Tests.Telemetry;

/// <summary>
/// A whole system that exports its telemetry over OTLP/HTTP to a collector inside the test process. Its own fixture
/// because the OTLP settings reach the services only through the AppHost's environment at start.
/// </summary>
public sealed class TelemetrySystemFixture : IAsyncLifetime
{
    public OtlpCollector Collector { get; } = new();
    public AppHostProcess Host { get; private set; } = null!;
    public CrmClient Client { get; private set; } = null!;
    public string DataDirectory { get; } = Directory.CreateTempSubdirectory("crm-e2e-otel-").FullName;

    public async Task InitializeAsync()
    {
        Host = await AppHostProcess.StartAsync(DataDirectory, AppHostProcess.FreePort(), new Dictionary<string, string>
        {
            ["OTEL_EXPORTER_OTLP_ENDPOINT"] = Collector.Endpoint.ToString().TrimEnd('/'),
            ["OTEL_EXPORTER_OTLP_PROTOCOL"] = "http/protobuf",
            // Batches leave every 200 ms (default 5 s) and metrics every second (default 60 s), so the test waits little.
            ["OTEL_BSP_SCHEDULE_DELAY"] = "200",
            ["OTEL_METRIC_EXPORT_INTERVAL"] = "1000",
        });
        Client = new CrmClient(Host.Gateway);
    }

    public async Task DisposeAsync()
    {
        Client.Dispose();
        await Host.DisposeAsync();
        await Collector.DisposeAsync();
        Directory.Delete(DataDirectory, recursive: true);
    }
}
