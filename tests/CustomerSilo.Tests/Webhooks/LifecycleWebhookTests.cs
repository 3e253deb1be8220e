using System.Text.Json;
using Crm.Contracts;
using Crm.Contracts.Customers;
using Crm.Contracts.Tenants;
using Crm.Contracts.Webhooks;
using Crm.Tests.Shared;
using Crm.Webhooks.Signing;

namespace CustomerSilo.Tests.Webhooks;

/// <summary>Stage moves that no caller makes, by the customer's own silence reminder, are announced too.</summary>
public sealed class LifecycleWebhookTests(LifecycleCluster crm) : IClassFixture<LifecycleCluster>
{
    [Fact]
    public async Task A_customer_declining_by_silence_is_announced_as_a_lifecycle_change()
    {
        var tenantId = TenantIds.New();
        await using var receiver = new WebhookReceiver(failuresPerEvent: 0);
        await receiver.StartAsync();
        var created = await crm.Grains.GetGrain<ITenantWebhooksGrain>(tenantId).CreateAsync(receiver.Url.AbsoluteUri, [WebhookEvents.LifecycleChanged]);
        var customer = crm.Grains.GetGrain<ICustomerGrain>(TenantKey.For(tenantId, "c1"));
        await customer.CreateAsync(new CustomerDetails("Ada Lovelace", "ada@example.com"));
        await customer.RecordOrderAsync(new NewOrder(50, "USD"));
        await crm.EventuallyAsync(() => receiver.Received.Count > 0, "the first purchase's stage change");

        await crm.PassDaysAsync(91);

        // The same event may come twice (delivery is at least once; here a jump of the silo's clock can time out a
        // send whose answer is on its way): receivers, and this test, go by event id.
        await crm.EventuallyAsync(() => receiver.Received.Select(e => e.EventId).Distinct().Count() == 2, "the decline");
        var declined = receiver.Received.Last(r => r.EventId != receiver.Received.First().EventId);
        Assert.Equal(WebhookEvents.LifecycleChanged, declined.EventType);
        // The request was signed on the silo's clock, which the test moves in steps of four hours: the timestamp check
        // gets a tolerance of the days passed, the signature is checked as ever.
        Assert.Equal(WebhookVerification.Valid, new WebhookVerifier(created.Secret, TimeSpan.FromDays(92), crm.Clock).Verify(declined.Signature, declined.Body));
        using var body = JsonDocument.Parse(declined.Body);
        var change = body.RootElement.GetProperty("data").GetProperty("stageChange");
        Assert.Equal(("ACQUISITION", "DECLINE", "rule:decline"), (change.GetProperty("from").GetString(), change.GetProperty("to").GetString(), change.GetProperty("by").GetString()));
    }
}
