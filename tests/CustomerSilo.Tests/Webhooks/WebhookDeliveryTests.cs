using System.Text.Json;
using Crm.Contracts;
using Crm.Contracts.Customers;
using Crm.Contracts.Tenants;
using Crm.Contracts.Webhooks;
using Crm.Tests.Shared;
using Crm.Webhooks.Signing;

namespace CustomerSilo.Tests.Webhooks;

/// <summary>
/// Customer changes reach a real receiver on 127.0.0.1 through the outbox, the tenant's webhooks grain and the
/// signed sender: every event delivered, verified and none lost, through failing receivers and silo restarts.
/// </summary>
public sealed class WebhookDeliveryTests : IAsyncLifetime
{
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(60);

    private readonly WebhookCluster _crm = new();
    private readonly string _tenantId = TenantIds.New();

    public Task InitializeAsync() => _crm.StartAsync();

    public async Task DisposeAsync() => await _crm.DisposeAsync();

    private ITenantWebhooksGrain Webhooks => _crm.Grains.GetGrain<ITenantWebhooksGrain>(_tenantId);

    private ICustomerGrain Customer(string id) => _crm.Grains.GetGrain<ICustomerGrain>(TenantKey.For(_tenantId, id));

    private static IReadOnlyList<ReceivedWebhook> Delivered(IReadOnlyCollection<ReceivedWebhook> received) =>
        [.. received.Where(r => r.AnsweredStatus == 200)];

    [Fact]
    public async Task A_receiver_failing_the_first_attempts_gets_every_event_once_acknowledged_signed_and_in_order()
    {
        // Each event fails its first durable attempt (the sender's 3 quick tries) and one more request: delivered on the second attempt.
        await using var receiver = new WebhookReceiver(failuresPerEvent: 4);
        await receiver.StartAsync();
        var created = await Webhooks.CreateAsync(receiver.Url.AbsoluteUri, WebhookEvents.All);

        var customer = Customer("c1");
        await customer.CreateAsync(new CustomerDetails("Ada Lovelace", "ada@example.com"));
        await customer.UpdateAsync(new CustomerPatch(Phone: "+12015550123"));
        var withComplaint = await customer.OpenComplaintAsync(new NewComplaint("billing", ComplaintSeverity.High, "Charged twice"));
        await customer.ChangeStageAsync(LifecycleStage.Maturity, "Signed a framework contract.", "user:test");
        string[] expected =
        [
            WebhookEvents.CustomerCreated, WebhookEvents.CustomerChanged,
            WebhookEvents.CustomerChanged, WebhookEvents.ComplaintOpened,
            WebhookEvents.CustomerChanged, WebhookEvents.LifecycleChanged,
        ];

        await receiver.WaitUntilAsync(r => Delivered(r).Count == expected.Length, Deadline, "all six events to be acknowledged");

        var delivered = Delivered(receiver.Received);
        Assert.Equal(expected, delivered.Select(r => r.EventType));
        Assert.Equal(expected.Length, delivered.Select(r => r.EventId).Distinct().Count());
        var verifier = new WebhookVerifier(created.Secret);
        Assert.All(receiver.Received, r => Assert.Equal(WebhookVerification.Valid, verifier.Verify(r.Signature, r.Body)));
        // At least once: each event came 5 times, always with its id and the same body, so a receiver can drop repeats.
        Assert.All(receiver.Received.GroupBy(r => r.EventId), repeats =>
        {
            Assert.Equal(5, repeats.Count());
            Assert.Single(repeats.Select(r => r.Body).Distinct());
        });

        using var complaint = JsonDocument.Parse(delivered[3].Body);
        Assert.Equal(delivered[3].EventId, complaint.RootElement.GetProperty("id").GetString());
        Assert.Equal(_tenantId, complaint.RootElement.GetProperty("tenantId").GetString());
        var data = complaint.RootElement.GetProperty("data");
        Assert.Equal("c1", data.GetProperty("customerId").GetString());
        Assert.Equal(withComplaint.Complaints[0].Id, data.GetProperty("complaint").GetProperty("id").GetString());
        Assert.Equal("HIGH", data.GetProperty("complaint").GetProperty("severity").GetString());
        using var stage = JsonDocument.Parse(delivered[5].Body);
        Assert.Equal("MATURITY", stage.RootElement.GetProperty("data").GetProperty("stageChange").GetProperty("to").GetString());

        var webhook = Assert.Single(await Webhooks.ListAsync());
        Assert.Equal((0, 6L, 0L), (webhook.Pending, webhook.Delivered, webhook.DeadLettered));
        var log = (await Webhooks.DeliveriesAsync(webhook.Id, 100))!;
        Assert.Equal(12, log.Count);
        Assert.All(log.Where(d => d.Outcome == WebhookDeliveryOutcome.Failed), d => Assert.Equal((1, 500), (d.Attempt, d.StatusCode)));
        Assert.All(log.Where(d => d.Outcome == WebhookDeliveryOutcome.Delivered), d => Assert.Equal((2, 200), (d.Attempt, d.StatusCode)));
        Assert.Equal(6, log.Count(d => d.Outcome == WebhookDeliveryOutcome.Delivered));
    }

    [Fact]
    public async Task Events_written_while_the_webhooks_store_is_down_survive_a_restart_in_the_customers_outbox()
    {
        await using var receiver = new WebhookReceiver(failuresPerEvent: 0);
        await receiver.StartAsync();
        var created = await Webhooks.CreateAsync(receiver.Url.AbsoluteUri, [WebhookEvents.CustomerCreated, WebhookEvents.CustomerChanged]);
        _crm.Storage.FailWritesOf = "webhooks";

        var customer = Customer("c1");
        await customer.CreateAsync(new CustomerDetails("Ada Lovelace", "ada@example.com"));
        await customer.UpdateAsync(new CustomerPatch(Name: "Ada King"));
        Assert.Empty(receiver.Received);

        // The silo goes down with the events only in the customer's stored outbox; the new one has a working store.
        await _crm.RestartAsync();
        _crm.Storage.FailWritesOf = null;
        await Customer("c1").GetAsync(); // any call activates the customer, which offers its outbox again

        await receiver.WaitUntilAsync(r => Delivered(r).Count == 2, Deadline, "both events after the restart");
        var delivered = Delivered(receiver.Received);
        Assert.Equal([WebhookEvents.CustomerCreated, WebhookEvents.CustomerChanged], delivered.Select(r => r.EventType));
        Assert.Contains("Ada King", delivered[1].Body);
        Assert.All(delivered, r => Assert.Equal(WebhookVerification.Valid, new WebhookVerifier(created.Secret).Verify(r.Signature, r.Body)));
    }

    [Fact]
    public async Task Events_queued_for_a_receiver_that_is_down_survive_a_restart_of_the_webhooks_grain()
    {
        await using var receiver = new WebhookReceiver(failuresPerEvent: 0) { Up = false };
        await receiver.StartAsync();
        var created = await Webhooks.CreateAsync(receiver.Url.AbsoluteUri, [WebhookEvents.CustomerCreated]);
        await Customer("c1").CreateAsync(new CustomerDetails("Ada Lovelace", "ada@example.com"));
        await receiver.WaitUntilAsync(r => r.Count > 0, Deadline, "the first, refused, attempt");
        var eventId = receiver.Received.First().EventId;

        await _crm.RestartAsync();
        receiver.Up = true;
        Assert.Equal(1, Assert.Single(await Webhooks.ListAsync()).Pending); // activates the grain, which resumes its queue

        await receiver.WaitUntilAsync(r => Delivered(r).Count == 1, Deadline, "the event after the restart");
        var delivered = Assert.Single(Delivered(receiver.Received));
        Assert.Equal(eventId, delivered.EventId);
        Assert.Equal(WebhookVerification.Valid, new WebhookVerifier(created.Secret).Verify(delivered.Signature, delivered.Body));
        Assert.Equal(0, Assert.Single(await Webhooks.ListAsync()).Pending);
    }

    [Fact]
    public async Task With_no_call_to_wake_it_a_deactivated_webhooks_grain_is_woken_by_its_reminder_and_delivers()
    {
        await using var receiver = new WebhookReceiver(failuresPerEvent: 0) { Up = false };
        await receiver.StartAsync();
        await Webhooks.CreateAsync(receiver.Url.AbsoluteUri, [WebhookEvents.CustomerCreated]);
        await Customer("c1").CreateAsync(new CustomerDetails("Ada Lovelace", "ada@example.com"));
        await receiver.WaitUntilAsync(r => r.Count > 0, Deadline, "the first, refused, attempt");

        await _crm.Cluster.DeactivateAsync(Webhooks);
        receiver.Up = true;

        await receiver.WaitUntilAsync(r => Delivered(r).Count == 1, Deadline, $"the reminder (every {WebhookCluster.WakeEvery}) to wake the grain");
        Assert.Equal(WebhookEvents.CustomerCreated, Assert.Single(Delivered(receiver.Received)).EventType);
    }

    [Fact]
    public async Task An_event_still_failing_after_the_last_attempt_is_dead_lettered_and_logged_and_the_next_one_goes()
    {
        await using var receiver = new WebhookReceiver(failuresPerEvent: int.MaxValue);
        await receiver.StartAsync();
        var created = await Webhooks.CreateAsync(receiver.Url.AbsoluteUri, [WebhookEvents.CustomerCreated]);
        await Customer("c1").CreateAsync(new CustomerDetails("Ada Lovelace", "ada@example.com"));

        var deadline = DateTime.UtcNow + Deadline;
        Webhook webhook;
        while ((webhook = Assert.Single(await Webhooks.ListAsync())).DeadLettered == 0)
        {
            Assert.True(DateTime.UtcNow < deadline, $"no dead letter after {Deadline}; {webhook.Pending} pending");
            await receiver.WaitUntilAsync(r => r.Count > 0, Deadline, "an attempt");
        }

        Assert.Equal((0, 0L, 1L), (webhook.Pending, webhook.Delivered, webhook.DeadLettered));
        var log = (await Webhooks.DeliveriesAsync(created.Webhook.Id, 100))!;
        Assert.Equal(TestWebhookDelivery.MaxAttempts, log.Count);
        Assert.Equal(WebhookDeliveryOutcome.DeadLettered, log[0].Outcome);
        Assert.Equal(TestWebhookDelivery.MaxAttempts, log[0].Attempt);
        Assert.All(log, d => Assert.Equal(500, d.StatusCode));
    }

    [Theory]
    [InlineData("not a url", "url")]
    [InlineData("ftp://example.com/hook", "url")]
    public async Task A_bad_url_is_refused_with_the_field_named(string url, string field)
    {
        var error = await Assert.ThrowsAsync<InvalidWebhookException>(() => Webhooks.CreateAsync(url, WebhookEvents.All));
        Assert.Equal(field, error.Field);
        Assert.Empty(await Webhooks.ListAsync());
    }

    [Fact]
    public async Task Unknown_or_no_events_are_refused()
    {
        var unknown = await Assert.ThrowsAsync<InvalidWebhookException>(() => Webhooks.CreateAsync("https://hooks.example.com/in", ["campaign.finished"]));
        Assert.Equal("events", unknown.Field);
        Assert.Contains(WebhookEvents.ComplaintOpened, unknown.Message);
        await Assert.ThrowsAsync<InvalidWebhookException>(() => Webhooks.CreateAsync("https://hooks.example.com/in", []));
    }
}
