using Crm.AuditLog;
using Crm.Contracts;
using Crm.Contracts.Analytics;
using Crm.Contracts.Customers;
using Crm.Contracts.PersistedDocuments;
using Crm.Contracts.Segments;
using Crm.Contracts.Tenants;
using Crm.Contracts.Tenants.Access;
using Crm.Contracts.Tenants.Archive;
using Crm.Contracts.Tenants.Plans;
using Crm.Contracts.Tenants.Usage;
using Crm.Contracts.Webhooks;
using Microsoft.Extensions.DependencyInjection;

namespace CustomerSilo.Tests.Tenants;

public sealed class TenantArchiveGrainTests(CrmCluster crm) : IClassFixture<CrmCluster>
{
    [Fact]
    public async Task An_exported_tenant_erased_and_imported_again_has_its_key_settings_segments_documents_analytics_webhooks_audit_customers_and_listings_back()
    {
        var tenantId = TenantIds.New();
        var key = ApiKey.Create(tenantId);
        var tenant = crm.Cluster.Client.GetGrain<ITenantGrain>(tenantId);
        await tenant.RegisterAsync(new TenantRegistration("Archived Co", "archived-co", "admin@archived.example"));
        var access = crm.Cluster.Client.GetGrain<ITenantAccessGrain>(tenantId);
        await access.InitializeAsync(TenantPlan.Pro, new NewUser("admin@archived.example", "Admin", TenantRole.Admin, "hashed"),
            new NewApiKey("first", [ApiKeyScope.Admin], key.SecretHash, key.DisplayPrefix, null, "sign-up"));
        crm.Cluster.Client.GetGrain<ITenantUsageGrain>(tenantId).RecordAsync(new UsageSample(DateOnly.FromDateTime(DateTime.UtcNow), 7, 1, 70)).Ignore();
        var settings = await tenant.UpdateSettingsAsync(new TenantSettingsPatch(DefaultCountry: "SE"));
        // More than a page of the read model (100), so paging is part of the trip.
        var customers = await Task.WhenAll(Enumerable.Range(0, 120).Select(i =>
            Customer(tenantId, $"c{i}").CreateAsync(new CustomerDetails($"Customer {i}", $"c{i}@example.com", Tags: ["archived"]))));
        var segment = await crm.Cluster.Client.GetGrain<ISegmentsGrain>(tenantId).CreateAsync(new NewSegment("VIPs", null, "tags:archived"));
        await crm.Cluster.Client.GetGrain<IPersistedDocumentsGrain>(tenantId).AddAsync(new Dictionary<string, string> { ["q1"] = "{ __typename }" });
        var webhooks = crm.Cluster.Client.GetGrain<ITenantWebhooksGrain>(tenantId);
        var webhook = (await webhooks.CreateAsync("http://127.0.0.1:9/complaints", [WebhookEvents.ComplaintOpened])).Webhook;
        var analytics = crm.Cluster.Client.GetGrain<ITenantAnalyticsGrain>(tenantId);
        var today = DateOnly.FromDateTime(DateTime.UtcNow);
        Assert.Equal(120, (await analytics.GetAsync(today, today)).Funnel[LifecycleStage.Awareness]);
        var other = TenantIds.New();
        await Customer(other, "x").CreateAsync(new CustomerDetails("Other tenant's", "x@example.com"));
        var audit = crm.Services.GetRequiredService<IAuditLog>();
        var start = DateTimeOffset.UtcNow;
        foreach (var operation in new[] { "tenant.created", "createCustomer", "createSegment" })
            await audit.AppendAsync(new AuditRecord(tenantId, start, "user:admin", operation, null, AuditOutcome.Ok, null, "127.0.0.1"));
        await audit.AppendAsync(new AuditRecord(other, start, "user:other", "tenant.created", null, AuditOutcome.Ok, null, "127.0.0.1"));
        var archives = crm.Cluster.Client.GetGrain<ITenantArchiveGrain>(tenantId);

        var archive = await archives.ExportAsync();
        await archives.EraseAsync();

        Assert.Equal(120, archive.Customers.Count);
        Assert.Null(await tenant.GetAsync());
        Assert.Null(await access.VerifyApiKeyAsync(key.SecretHash));
        Assert.Empty(await access.ListUsersAsync());
        Assert.Null(await Customer(tenantId, "c7").GetAsync());
        Assert.Null(await crm.ReadModel.GetAsync(tenantId, "c7"));
        Assert.Empty(await crm.Cluster.Client.GetGrain<ISegmentsGrain>(tenantId).ListAsync());
        Assert.Null(await crm.Cluster.Client.GetGrain<IPersistedDocumentsGrain>(tenantId).FindAsync("q1"));
        Assert.Empty(await webhooks.ListAsync());
        Assert.Empty((await audit.QueryAsync(new AuditQuery(tenantId))).Entries);
        // Only this tenant's data goes.
        Assert.NotNull(await Customer(other, "x").GetAsync());

        await archives.ImportAsync(archive);

        Assert.Equal(TenantPlan.Pro, (await access.VerifyApiKeyAsync(key.SecretHash))!.Plan);
        Assert.Equal("admin@archived.example", Assert.Single(await access.ListUsersAsync()).Email);
        Assert.Equal(7, Assert.Single(await crm.Cluster.Client.GetGrain<ITenantUsageGrain>(tenantId).GetAsync(DateOnly.MinValue, DateOnly.MaxValue)).Requests);
        Assert.Equal(settings, await tenant.GetSettingsAsync());
        Assert.Equal("Archived Co", (await tenant.GetAsync())!.CompanyName);
        Assert.Equal(segment, Assert.Single(await crm.Cluster.Client.GetGrain<ISegmentsGrain>(tenantId).ListAsync()));
        Assert.Equal("{ __typename }", await crm.Cluster.Client.GetGrain<IPersistedDocumentsGrain>(tenantId).FindAsync("q1"));
        var webhookBack = Assert.Single(await webhooks.ListAsync());
        Assert.Equal((webhook.Id, webhook.Url, webhook.Events.Single()), (webhookBack.Id, webhookBack.Url, webhookBack.Events.Single()));
        // The audit log comes back in its order (newest first), and the other tenant's entry stays its own.
        Assert.Equal(["createSegment", "createCustomer", "tenant.created"], (await audit.QueryAsync(new AuditQuery(tenantId))).Entries.Select(e => e.Record.Operation));
        Assert.Equal("user:other", Assert.Single((await audit.QueryAsync(new AuditQuery(other))).Entries).Record.Actor);
        Assert.Equal(120, (await analytics.GetAsync(today, today)).Funnel[LifecycleStage.Awareness]);
        foreach (var created in customers)
        {
            var back = await Customer(tenantId, created.CustomerId).GetAsync();
            Assert.Equal((created.Name, created.Details.Email, created.Version, created.CreatedAt), (back!.Name, back.Details.Email, back.Version, back.CreatedAt));
            Assert.Equal(created.Name, (await crm.ReadModel.GetAsync(tenantId, created.CustomerId))!.Name);
        }
    }

    [Fact]
    public async Task An_archive_is_imported_only_under_its_own_tenant()
    {
        var tenantId = TenantIds.New();
        var archive = new TenantArchive(tenantId, new Dictionary<string, byte[]>(), []);

        await Assert.ThrowsAsync<ArgumentException>(() => crm.Cluster.Client.GetGrain<ITenantArchiveGrain>(TenantIds.New()).ImportAsync(archive));
    }

    private ICustomerGrain Customer(string tenantId, string customerId) => crm.Cluster.Client.GetGrain<ICustomerGrain>(TenantKey.For(tenantId, customerId));
}
