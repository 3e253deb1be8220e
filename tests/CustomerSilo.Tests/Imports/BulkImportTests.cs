using Crm.Contracts;
using Crm.Contracts.Analytics;
using Crm.Contracts.Customers;
using Crm.Contracts.Imports;
using Crm.Contracts.Tenants;
using Crm.Contracts.Webhooks;
using Crm.CustomerCsv.Import;
using Crm.CustomerReadModel.Queries;
using Crm.CustomerSilo.Customers;
using Crm.CustomerSilo.Imports;
using Microsoft.Extensions.DependencyInjection;
using Orleans.Providers;
using Orleans.Storage;
using Crm.Tests.Shared;

namespace CustomerSilo.Tests.Imports;

/// <summary>
/// Customers an import creates in bulk, without a call to their grains, get all a created customer gets: the
/// customer.created webhook, their place in the tenant's figures and lists, and their own silence reminder.
/// </summary>
public sealed class BulkImportTests(LifecycleCluster crm) : IClassFixture<LifecycleCluster>
{
    private const string File = "name,email\nAda Lovelace,ada@example.com\nAlan Turing,alan@example.com\nGrace Hopper,grace@example.com\n";

    [Fact]
    public async Task Imported_customers_are_announced_counted_listed_and_decline_by_their_own_reminders()
    {
        var tenantId = TenantIds.New();
        await using var receiver = new WebhookReceiver(failuresPerEvent: 0);
        await receiver.StartAsync();
        await crm.Grains.GetGrain<ITenantWebhooksGrain>(tenantId).CreateAsync(receiver.Url.AbsoluteUri, [WebhookEvents.CustomerCreated, WebhookEvents.LifecycleChanged]);

        var progress = await new CsvImporter(crm.Grains).RunAsync(tenantId, "spring", new StringReader(File), ColumnMapping.Default);

        Assert.Equal((3L, 3L, 0L), (progress.RowsDone, progress.Created, progress.Failed));
        var ids = Enumerable.Range(1, 3).Select(row => ImportedCustomerIds.For("spring", row)).ToList();
        await crm.EventuallyAsync(() => Distinct(receiver, WebhookEvents.CustomerCreated) == 3, "three customer.created events");
        Assert.All(ids, id => Assert.Contains(receiver.Received, r => r.EventType == WebhookEvents.CustomerCreated && r.Body.Contains(id, StringComparison.Ordinal)));

        // Handed over, the events leave the stored outboxes: a customer's first activation offers nothing again.
        var storage = crm.Cluster.Silos[0].ServiceProvider.GetRequiredKeyedService<IGrainStorage>(ProviderConstants.DEFAULT_STORAGE_PROVIDER_NAME);
        foreach (var id in ids)
        {
            var stored = new GrainState<CustomerState>();
            await storage.ReadStateAsync(CustomerGrain.ProfileState, crm.Grains.GetGrain<ICustomerGrain>(TenantKey.For(tenantId, id)).GetGrainId(), stored);
            Assert.Equal((1L, 0), (stored.State!.Version, stored.State.Outbox.Count));
        }

        var page = await crm.ReadModel.QueryAsync(new CustomerQuery { TenantId = tenantId, First = 10 });
        Assert.Equal(ids.Order(), page.Items.Select(c => c.CustomerId).Order());
        var today = DateOnly.FromDateTime(crm.Clock.GetUtcNow().UtcDateTime);
        var figures = await crm.Grains.GetGrain<ITenantAnalyticsGrain>(tenantId).GetAsync(today, today);
        Assert.Equal(3L, figures.Funnel[LifecycleStage.Awareness]);
        Assert.Equal(3L, figures.Funnel.Values.Sum());

        await crm.PassDaysAsync(91);

        foreach (var id in ids)
        {
            var customer = crm.Grains.GetGrain<ICustomerGrain>(TenantKey.For(tenantId, id));
            await crm.EventuallyAsync(async () => (await customer.GetAsync())!.Stage == LifecycleStage.Decline, $"the decline of {id}");
            Assert.Equal("rule:decline", (await customer.GetAsync())!.StageHistory[^1].By);
        }
        await crm.EventuallyAsync(() => Distinct(receiver, WebhookEvents.LifecycleChanged) == 3, "three lifecycle.changed events");
    }

    [Fact]
    public async Task Without_a_customer_created_webhook_no_event_is_kept_to_be_offered_later()
    {
        var tenantId = TenantIds.New();
        await using var receiver = new WebhookReceiver(failuresPerEvent: 0);
        await receiver.StartAsync();
        var webhooks = crm.Grains.GetGrain<ITenantWebhooksGrain>(tenantId);
        await webhooks.CreateAsync(receiver.Url.AbsoluteUri, [WebhookEvents.LifecycleChanged]);

        var progress = await new CsvImporter(crm.Grains).RunAsync(tenantId, "quiet", new StringReader(File), ColumnMapping.Default);

        Assert.Equal((3L, 3L), (progress.RowsDone, progress.Created));
        var ids = Enumerable.Range(1, 3).Select(row => ImportedCustomerIds.For("quiet", row)).ToList();
        var storage = crm.Cluster.Silos[0].ServiceProvider.GetRequiredKeyedService<IGrainStorage>(ProviderConstants.DEFAULT_STORAGE_PROVIDER_NAME);
        foreach (var id in ids)
        {
            var stored = new GrainState<CustomerState>();
            await storage.ReadStateAsync(CustomerGrain.ProfileState, crm.Grains.GetGrain<ICustomerGrain>(TenantKey.For(tenantId, id)).GetGrainId(), stored);
            Assert.Equal((1L, 0), (stored.State!.Version, stored.State.Outbox.Count));
        }

        // A customer.created webhook made after the import hears nothing of these customers when their reminders
        // activate them: only the declines, which happen after it subscribed.
        await webhooks.CreateAsync(receiver.Url.AbsoluteUri, [WebhookEvents.CustomerCreated]);
        await crm.PassDaysAsync(91);
        await crm.EventuallyAsync(() => Distinct(receiver, WebhookEvents.LifecycleChanged) == 3, "three lifecycle.changed events");
        Assert.DoesNotContain(receiver.Received, r => r.EventType == WebhookEvents.CustomerCreated);
    }

    private static int Distinct(WebhookReceiver receiver, string type) =>
        receiver.Received.Where(r => r.EventType == type).Select(r => r.EventId).Distinct().Count();
}
