using Crm.CustomerSilo.Webhooks;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace CustomerSilo.Tests;

/// <summary>
/// Webhook delivery as a test silo runs it: to receivers on 127.0.0.1, and on a schedule of fractions of a second
/// (first retry after 200 ms, doubling to at most 1 s, 6 attempts) so that tests of retries finish quickly.
/// </summary>
public static class TestWebhookDelivery
{
    public const int MaxAttempts = 6;

    /// <param name="wakeEvery">The wake-up reminder's period, for a silo whose shortest reminder period allows less than a minute.</param>
    public static IServiceCollection AddTestWebhookDelivery(this IServiceCollection services, TimeSpan? wakeEvery = null) =>
        services.AddWebhookDelivery(new ConfigurationBuilder()
            .AddInMemoryCollection(new Dictionary<string, string?>
            {
                [$"{WebhookDeliveryOptions.Section}:{nameof(WebhookDeliveryOptions.WakeEvery)}"] = (wakeEvery ?? TimeSpan.FromMinutes(1)).ToString(),
                [$"{WebhookDeliveryOptions.Section}:{nameof(WebhookDeliveryOptions.AllowPrivateTargets)}"] = "true",
                [$"{WebhookDeliveryOptions.Section}:{nameof(WebhookDeliveryOptions.FirstRetry)}"] = "00:00:00.2",
                [$"{WebhookDeliveryOptions.Section}:{nameof(WebhookDeliveryOptions.LongestWait)}"] = "00:00:01",
                [$"{WebhookDeliveryOptions.Section}:{nameof(WebhookDeliveryOptions.MaxAttempts)}"] = MaxAttempts.ToString(),
            })
            .Build());
}
