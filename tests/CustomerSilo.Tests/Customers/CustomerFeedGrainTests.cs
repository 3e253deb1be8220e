using Crm.Contracts;
using Crm.Contracts.Customers;
using Crm.Contracts.Tenants;

namespace CustomerSilo.Tests.Customers;

public sealed class CustomerFeedGrainTests(CrmCluster crm) : IClassFixture<CrmCluster>
{
    private static readonly TimeSpan Long = TimeSpan.FromSeconds(15);
    private static readonly TimeSpan Short = TimeSpan.FromMilliseconds(100);

    private ICustomerFeedGrain Feed(string tenantId) => crm.Cluster.Client.GetGrain<ICustomerFeedGrain>(tenantId);

    private Task<CustomerView> CreateAsync(string tenantId, string name) =>
        crm.Cluster.Client.GetGrain<ICustomerGrain>(TenantKey.For(tenantId, Guid.NewGuid().ToString("N"))).CreateAsync(new CustomerDetails(name, "x@example.com"));

    [Fact]
    public async Task A_waiting_subscriber_hears_of_a_customer_created_in_its_tenant()
    {
        var tenantId = TenantIds.New();
        var start = await Feed(tenantId).WaitAsync(null, 0, Short);

        var waiting = Feed(tenantId).WaitAsync(start.Epoch, start.LastSequence, Long);
        var created = await CreateAsync(tenantId, "Ada");
        var page = await waiting;

        var change = Assert.Single(page.Changes);
        Assert.Equal(CustomerChange.Created, change.Kind);
        Assert.Equal((created.CustomerId, created.Version), (change.CustomerId, change.Customer!.Version));
        Assert.Equal(start.LastSequence + 1, page.LastSequence);
    }

    [Fact]
    public async Task Changes_made_between_two_waits_all_come_and_a_quiet_feed_answers_empty()
    {
        var tenantId = TenantIds.New();
        var start = await Feed(tenantId).WaitAsync(null, 0, Short);
        foreach (var name in new[] { "First", "Second", "Third" })
            await CreateAsync(tenantId, name);

        // Publishing is one way, so a change may reach the feed after its create has answered, and changes of
        // different customers (on different silos) may reach it in another order: read on until all three are in.
        var changes = new List<CustomerChange>();
        var page = start;
        while (changes.Count < 3)
        {
            page = await Feed(tenantId).WaitAsync(page.Epoch, page.LastSequence, Long);
            Assert.NotEmpty(page.Changes);
            changes.AddRange(page.Changes);
        }
        var quiet = await Feed(tenantId).WaitAsync(page.Epoch, page.LastSequence, Short);

        Assert.Equal(["First", "Second", "Third"], changes.Select(c => c.Customer!.Name).Order());
        Assert.Empty(quiet.Changes);
        Assert.Equal(page.LastSequence, quiet.LastSequence);
    }

    [Fact]
    public async Task Another_tenants_customers_never_reach_the_feed()
    {
        var tenantId = TenantIds.New();
        var start = await Feed(tenantId).WaitAsync(null, 0, Short);

        await CreateAsync(TenantIds.New(), "Elsewhere");
        var page = await Feed(tenantId).WaitAsync(start.Epoch, start.LastSequence, TimeSpan.FromMilliseconds(500));

        Assert.Empty(page.Changes);
    }

    [Fact]
    public async Task A_subscriber_that_leaves_stops_waiting_at_once()
    {
        var tenantId = TenantIds.New();
        using var leaving = new CancellationTokenSource();
        var wait = Feed(tenantId).WaitAsync(null, 0, TimeSpan.FromSeconds(20), leaving.Token);

        await leaving.CancelAsync();

        // The caller is free at once. (Orleans 10.4.2 does not carry an external client's cancellation on to the
        // grain's turn, which runs on until its maxWait: the GraphQL service therefore polls in short waits.)
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => wait.WaitAsync(TimeSpan.FromSeconds(5)));
    }

    [Fact]
    public async Task A_subscriber_from_another_epoch_starts_at_the_current_one()
    {
        var tenantId = TenantIds.New();
        var start = await Feed(tenantId).WaitAsync(null, 0, Short);
        await CreateAsync(tenantId, "Before");
        // Publishing is one way: wait until the change is in the feed, so the current sequence is known.
        var current = await Feed(tenantId).WaitAsync(start.Epoch, start.LastSequence, Long);
        Assert.Single(current.Changes);

        var page = await Feed(tenantId).WaitAsync("an-epoch-that-ended", 42, Short);

        Assert.Empty(page.Changes);
        Assert.Equal(current.Epoch, page.Epoch);
        Assert.Equal(current.LastSequence, page.LastSequence);
    }
}
