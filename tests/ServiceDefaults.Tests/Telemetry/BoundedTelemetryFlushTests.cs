using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using Crm.ServiceDefaults;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.Configuration;

namespace ServiceDefaults.Tests.Telemetry;

/// <summary>A service whose collector hangs still stops within the time a process manager gives it.</summary>
public sealed class BoundedTelemetryFlushTests
{
    [Fact]
    public async Task Stopping_with_spans_queued_for_a_collector_that_never_answers_ends_within_seconds()
    {
        // A collector that takes connections and never answers: each export waits for the exporter's 10 s timeout.
        using var blackHole = new TcpListener(IPAddress.Loopback, 0);
        blackHole.Start();
        var accepted = new List<Socket>();
        _ = Task.Run(async () =>
        {
            while (true)
                accepted.Add(await blackHole.AcceptSocketAsync());
        });
        var builder = WebApplication.CreateBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["OTEL_EXPORTER_OTLP_ENDPOINT"] = $"http://127.0.0.1:{((IPEndPoint)blackHole.LocalEndpoint).Port}",
            ["OTEL_EXPORTER_OTLP_PROTOCOL"] = "http/protobuf",
        });
        builder.AddServiceDefaults("Flush.Test");
        var app = builder.Build();
        await app.StartAsync();
        using (var source = new ActivitySource("Flush.Test"))
        {
            for (var i = 0; i < 1000; i++)
                source.StartActivity($"queued {i}")?.Dispose();
        }

        var clock = Stopwatch.StartNew();
        await app.StopAsync();
        await app.DisposeAsync();

        // The flush gets 2 s; without the bound, disposal waits out the exporter's 10 s timeout per signal.
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(7), $"stopping took {clock.Elapsed.TotalSeconds:F1} s");
        foreach (var socket in accepted)
            socket.Dispose();
    }
}
