using System.Net;
using System.Net.Sockets;
using Crm.Webhooks.Targets;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Http.Resilience;
using Polly;

namespace Crm.Webhooks.Delivery;

public static class WebhookSenderRegistration
{
    /// <summary>Quick retries within one delivery: 2 after the first try, about 0.5 s and 1 s apart (exponential, jittered).</summary>
    public const int QuickRetries = 2;
    public static readonly TimeSpan QuickRetryDelay = TimeSpan.FromMilliseconds(500);

    /// <summary>One try may take 5 s; a delivery with its retries at most 15 s, so one slow receiver holds nothing up for long.</summary>
    public static readonly TimeSpan AttemptTimeout = TimeSpan.FromSeconds(5);
    public static readonly TimeSpan DeliveryTimeout = TimeSpan.FromSeconds(15);

    /// <summary>
    /// Registers <see cref="WebhookSender"/> on its own HttpClient: the service-wide standard resilience handler is
    /// replaced by the webhook pipeline (no circuit breaker: one tenant's dead receiver must not open a circuit for
    /// the others, and the caller's durable schedule already backs off), redirects are not followed (a redirect could
    /// point inside the network), and unless <paramref name="allowPrivateTargets"/> every connection is refused to
    /// loopback and private addresses, whatever the host name resolved to.
    /// </summary>
    public static IServiceCollection AddWebhookSender(this IServiceCollection services, bool allowPrivateTargets)
    {
        // RemoveAllResilienceHandlers is experimental in 10.11 (EXTEXP0001), but it is the only way to take off the
        // handler that ConfigureHttpClientDefaults puts on every client.
#pragma warning disable EXTEXP0001
        services.AddHttpClient<WebhookSender>()
            .ConfigurePrimaryHttpMessageHandler(() => new SocketsHttpHandler
            {
                AllowAutoRedirect = false,
                PooledConnectionLifetime = TimeSpan.FromMinutes(2),
                ConnectCallback = allowPrivateTargets ? null : ConnectToPublicAddressAsync,
            })
            .RemoveAllResilienceHandlers()
            .AddResilienceHandler("webhook", pipeline =>
            {
                // Network time, whatever the host's TimeProvider: a host that fakes the business clock (tests, a
                // replay) must not freeze the timeouts and retry delays of a send in flight, nor the host's disposal,
                // which waits for that send to end.
                pipeline.TimeProvider = TimeProvider.System;
                pipeline
                    .AddTimeout(DeliveryTimeout)
                    .AddRetry(new HttpRetryStrategyOptions
                    {
                        MaxRetryAttempts = QuickRetries,
                        BackoffType = DelayBackoffType.Exponential,
                        UseJitter = true,
                        Delay = QuickRetryDelay,
                    })
                    .AddTimeout(AttemptTimeout);
            });
#pragma warning restore EXTEXP0001
        services.TryAddSingleton(TimeProvider.System);
        return services;
    }

    private static async ValueTask<Stream> ConnectToPublicAddressAsync(SocketsHttpConnectionContext context, CancellationToken cancellationToken)
    {
        var host = context.DnsEndPoint.Host;
        var addresses = (await Dns.GetHostAddressesAsync(host, cancellationToken)).Where(a => !WebhookTargets.IsPrivate(a)).ToArray();
        if (addresses.Length == 0)
            throw new HttpRequestException($"'{host}' resolves only to loopback or private addresses, which webhooks may not reach; point the webhook at a public address.");
        var socket = new Socket(SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
        try
        {
            await socket.ConnectAsync(addresses, context.DnsEndPoint.Port, cancellationToken);
            return new NetworkStream(socket, ownsSocket: true);
        }
        catch
        {
            socket.Dispose();
            throw;
        }
    }
}
