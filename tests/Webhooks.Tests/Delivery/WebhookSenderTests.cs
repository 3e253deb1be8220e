using Crm.Tests.Shared;
using Crm.Webhooks.Delivery;
using Crm.Webhooks.Signing;
using Microsoft.Extensions.DependencyInjection;

namespace Webhooks.Tests.Delivery;

/// <summary>The sender against a real receiver on 127.0.0.1, through the HttpClient its registration builds.</summary>
public sealed class WebhookSenderTests
{
    private const string Secret = "whsec_sender_test";

    private static WebhookSender Sender(bool allowPrivateTargets) =>
        new ServiceCollection().AddWebhookSender(allowPrivateTargets).BuildServiceProvider().GetRequiredService<WebhookSender>();

    [Fact]
    public async Task A_receiver_failing_the_first_tries_gets_the_event_through_the_quick_retries_signed_each_time()
    {
        await using var receiver = new WebhookReceiver(failuresPerEvent: WebhookSenderRegistration.QuickRetries);
        await receiver.StartAsync();
        const string body = """{"id":"evt-1","type":"customer.created","data":{"name":"Ada"}}""";

        var outcome = await Sender(allowPrivateTargets: true).SendAsync(new WebhookMessage(receiver.Url, Secret, "evt-1", "customer.created", body));

        Assert.True(outcome.Delivered, outcome.Error);
        Assert.Equal(200, outcome.StatusCode);
        var requests = receiver.Received;
        Assert.Equal([500, 500, 200], requests.Select(r => r.AnsweredStatus));
        Assert.All(requests, r =>
        {
            Assert.Equal("evt-1", r.EventId);
            Assert.Equal("customer.created", r.EventType);
            Assert.Equal(body, r.Body);
            Assert.Equal(WebhookVerification.Valid, new WebhookVerifier(Secret).Verify(r.Signature, r.Body));
        });
    }

    [Fact]
    public async Task A_receiver_still_failing_after_the_quick_retries_is_reported_as_not_delivered()
    {
        await using var receiver = new WebhookReceiver(failuresPerEvent: WebhookSenderRegistration.QuickRetries + 1);
        await receiver.StartAsync();

        var outcome = await Sender(allowPrivateTargets: true).SendAsync(new WebhookMessage(receiver.Url, Secret, "evt-2", "customer.changed", "{}"));

        Assert.False(outcome.Delivered);
        Assert.Equal(500, outcome.StatusCode);
        Assert.Contains("500", outcome.Error);
        Assert.Equal(WebhookSenderRegistration.QuickRetries + 1, receiver.Received.Count);
    }

    [Fact]
    public async Task Without_private_targets_allowed_the_sender_never_connects_to_a_loopback_receiver()
    {
        await using var receiver = new WebhookReceiver(failuresPerEvent: 0);
        await receiver.StartAsync();

        var outcome = await Sender(allowPrivateTargets: false).SendAsync(new WebhookMessage(receiver.Url, Secret, "evt-3", "customer.changed", "{}"));

        Assert.False(outcome.Delivered);
        Assert.Null(outcome.StatusCode);
        Assert.Contains("private", outcome.Error);
        Assert.Empty(receiver.Received);
    }
}
