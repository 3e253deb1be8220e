using System.Collections.Concurrent;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Crm.Tests.Shared;

/// <summary>One request as the receiver saw it, and what it answered.</summary>
internal sealed record ReceivedWebhook(string? EventId, string? EventType, string? Signature, string Body, int AnsweredStatus);

/// <summary>
/// A webhook receiver on a real Kestrel socket at 127.0.0.1 that answers 500 to the first
/// <paramref name="failuresPerEvent"/> requests carrying each event id, then 200, and records every request.
/// </summary>
internal sealed class WebhookReceiver(int failuresPerEvent) : IAsyncDisposable
{
    private readonly ConcurrentQueue<ReceivedWebhook> _received = new();
    private readonly ConcurrentDictionary<string, int> _attempts = new();
    private readonly SemaphoreSlim _arrived = new(0);
    private WebApplication? _app;

    public Uri Url { get; private set; } = null!;

    /// <summary>While false, every request is answered 503 and does not count towards an event's failures.</summary>
    public volatile bool Up = true;

    public IReadOnlyCollection<ReceivedWebhook> Received => _received.ToArray();

    public async Task StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseKestrel(k => k.Listen(System.Net.IPAddress.Loopback, 0));
        builder.Logging.ClearProviders();
        _app = builder.Build();
        _app.MapPost("/hook", async (HttpContext http) =>
        {
            var body = await new StreamReader(http.Request.Body).ReadToEndAsync();
            var eventId = http.Request.Headers["Crm-Event-Id"].ToString();
            var status = !Up ? 503 : _attempts.AddOrUpdate(eventId, 1, (_, n) => n + 1) <= failuresPerEvent ? 500 : 200;
            _received.Enqueue(new ReceivedWebhook(eventId, http.Request.Headers["Crm-Event-Type"], http.Request.Headers["Crm-Signature"], body, status));
            _arrived.Release();
            return Results.StatusCode(status);
        });
        await _app.StartAsync();
        var address = _app.Services.GetRequiredService<IServer>().Features.GetRequiredFeature<IServerAddressesFeature>().Addresses.Single();
        Url = new Uri(new Uri(address), "/hook");
    }

    /// <summary>Waits until <paramref name="done"/> holds for what was received, failing after <paramref name="deadline"/>.</summary>
    public async Task WaitUntilAsync(Func<IReadOnlyCollection<ReceivedWebhook>, bool> done, TimeSpan deadline, string what)
    {
        using var timeout = new CancellationTokenSource(deadline);
        while (!done(Received))
        {
            try
            {
                await _arrived.WaitAsync(timeout.Token);
            }
            catch (OperationCanceledException)
            {
                throw new TimeoutException($"Waited {deadline} for {what}; received {_received.Count} requests: "
                    + string.Join(", ", _received.Select(r => $"{r.EventType} {r.EventId} -> {r.AnsweredStatus}")));
            }
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (_app is not null)
            await _app.DisposeAsync();
    }
}
