namespace Crm.AuditLog.Tests.Contract;

/// <summary>What every audit store must do; each store's test class runs these on a store of its own.</summary>
public abstract class AuditLogContract
{
    private static readonly DateTimeOffset Start = new(2026, 12, 1, 9, 0, 0, TimeSpan.Zero);

    /// <summary>A store on this test's database; a second call opens the same database again (a restart).</summary>
    protected abstract SqlAuditLog OpenStore();

    /// <summary>Runs <paramref name="sql"/> on the database directly, as any client of it could, bypassing the library.</summary>
    protected abstract Task ExecuteDirectlyAsync(string sql);

    protected static AuditRecord Entry(string tenant, int minute, string actor = "key:k1", string operation = "createCustomer",
        AuditOutcome outcome = AuditOutcome.Ok, string? reason = null) =>
        new(tenant, Start.AddMinutes(minute), actor, operation, $"c{minute}", outcome, reason, "203.0.113.7");

    [Fact]
    public async Task An_appended_entry_reads_back_whole_and_newest_first()
    {
        await using var store = OpenStore();
        await store.AppendAsync(Entry("t1", 1));
        await store.AppendAsync(Entry("t1", 2, actor: "user:u1", operation: "deleteCustomer", outcome: AuditOutcome.Refused, reason: "NOT_FOUND"));

        var page = await store.QueryAsync(new AuditQuery("t1"));

        Assert.False(page.HasMore);
        Assert.Equal([Entry("t1", 2, actor: "user:u1", operation: "deleteCustomer", outcome: AuditOutcome.Refused, reason: "NOT_FOUND"), Entry("t1", 1)],
            page.Entries.Select(e => e.Record));
        Assert.True(page.Entries[0].Id > page.Entries[1].Id);
    }

    [Fact]
    public async Task A_tenant_sees_only_its_own_entries()
    {
        await using var store = OpenStore();
        await Task.WhenAll(Enumerable.Range(0, 20).Select(i => store.AppendAsync(Entry(i % 2 == 0 ? "even" : "odd", i))));

        var even = await store.QueryAsync(new AuditQuery("even", First: 100));
        var none = await store.QueryAsync(new AuditQuery("other", First: 100));

        Assert.Equal(10, even.Entries.Count);
        Assert.All(even.Entries, e => Assert.Equal("even", e.Record.TenantId));
        Assert.All(even.Entries, e => Assert.Equal(0, e.Record.At.Minute % 2));
        Assert.Empty(none.Entries);
    }

    [Fact]
    public async Task Pages_follow_each_other_without_gap_or_repeat()
    {
        await using var store = OpenStore();
        for (var i = 0; i < 7; i++)
            await store.AppendAsync(Entry("t", i));

        var seen = new List<int>();
        long? before = null;
        var pages = 0;
        while (true)
        {
            var page = await store.QueryAsync(new AuditQuery("t", First: 3, Before: before));
            pages++;
            seen.AddRange(page.Entries.Select(e => e.Record.At.Minute));
            if (!page.HasMore)
                break;
            before = page.Entries[^1].Id;
        }

        Assert.Equal(3, pages);
        Assert.Equal([6, 5, 4, 3, 2, 1, 0], seen);
    }

    [Fact]
    public async Task Reading_all_of_a_query_walks_its_pages_newest_first_and_keeps_its_filter()
    {
        await using var store = OpenStore();
        for (var i = 0; i < 7; i++)
            await store.AppendAsync(Entry("t", i, operation: i % 2 == 0 ? "createCustomer" : "deleteCustomer"));
        await store.AppendAsync(Entry("other", 8));

        var all = new List<int>();
        await foreach (var entry in store.AllAsync(new AuditQuery("t", First: 2, Operation: "createCustomer")))
            all.Add(entry.Record.At.Minute);

        Assert.Equal([6, 4, 2, 0], all);
    }

    [Fact]
    public async Task Filters_by_actor_operation_and_time_combine()
    {
        await using var store = OpenStore();
        await store.AppendAsync(Entry("t", 1, actor: "key:a", operation: "createCustomer"));
        await store.AppendAsync(Entry("t", 2, actor: "key:b", operation: "createCustomer"));
        await store.AppendAsync(Entry("t", 3, actor: "key:a", operation: "deleteCustomer"));
        await store.AppendAsync(Entry("t", 4, actor: "key:a", operation: "createCustomer"));

        var byActor = await store.QueryAsync(new AuditQuery("t", Actor: "key:a"));
        var byBoth = await store.QueryAsync(new AuditQuery("t", Actor: "key:a", Operation: "createCustomer"));
        var since = await store.QueryAsync(new AuditQuery("t", Actor: "key:a", Operation: "createCustomer", Since: Start.AddMinutes(2)));

        Assert.Equal([4, 3, 1], byActor.Entries.Select(e => e.Record.At.Minute));
        Assert.Equal([4, 1], byBoth.Entries.Select(e => e.Record.At.Minute));
        Assert.Equal([4], since.Entries.Select(e => e.Record.At.Minute));
    }

    [Fact]
    public async Task Concurrent_appends_share_commits_and_all_are_stored()
    {
        await using var store = OpenStore();
        await Task.WhenAll(Enumerable.Range(0, 500).Select(i => store.AppendAsync(Entry("t", i))));

        var page = await store.QueryAsync(new AuditQuery("t", First: AuditQuery.MaxFirst));

        Assert.Equal(500, page.Entries.Count);
        Assert.Equal(500, page.Entries.Select(e => e.Id).Distinct().Count());
        Assert.True(store.Commits < 500, $"500 concurrent appends took {store.Commits} commits: they were not grouped.");
    }

    [Fact]
    public async Task An_acknowledged_entry_is_there_after_the_store_is_reopened()
    {
        await using (var store = OpenStore())
            await store.AppendAsync(Entry("t", 1));

        await using var reopened = OpenStore();
        var page = await reopened.QueryAsync(new AuditQuery("t"));

        Assert.Equal([Entry("t", 1)], page.Entries.Select(e => e.Record));
    }

    [Fact]
    public async Task A_long_reason_is_shortened()
    {
        await using var store = OpenStore();
        await store.AppendAsync(Entry("t", 1, outcome: AuditOutcome.Failed, reason: new string('x', 5000)));

        var entry = Assert.Single((await store.QueryAsync(new AuditQuery("t"))).Entries);

        Assert.Equal(AuditRecord.MaxReasonLength, entry.Record.Reason!.Length);
    }

    [Fact]
    public async Task The_database_refuses_to_change_or_delete_an_entry()
    {
        await using var store = OpenStore();
        await store.AppendAsync(Entry("t", 1));

        var update = await Assert.ThrowsAnyAsync<Exception>(() => ExecuteDirectlyAsync("UPDATE audit_log SET actor = 'someone else'"));
        var delete = await Assert.ThrowsAnyAsync<Exception>(() => ExecuteDirectlyAsync("DELETE FROM audit_log"));

        Assert.Contains("append-only", update.Message);
        Assert.Contains("append-only", delete.Message);
        Assert.Equal([Entry("t", 1)], (await store.QueryAsync(new AuditQuery("t"))).Entries.Select(e => e.Record));
    }

    [Fact]
    public async Task Erasing_a_tenant_removes_its_entries_only_and_the_log_stays_append_only()
    {
        await using var store = OpenStore();
        await store.AppendAsync(Entry("gone", 1));
        await store.AppendAsync(Entry("gone", 2));
        await store.AppendAsync(Entry("kept", 3));

        var erased = await store.EraseTenantAsync("gone");
        var again = await store.EraseTenantAsync("gone");

        Assert.Equal(2, erased);
        Assert.Equal(0, again);
        Assert.Empty((await store.QueryAsync(new AuditQuery("gone"))).Entries);
        Assert.Equal([Entry("kept", 3)], (await store.QueryAsync(new AuditQuery("kept"))).Entries.Select(e => e.Record));
        var delete = await Assert.ThrowsAnyAsync<Exception>(() => ExecuteDirectlyAsync("DELETE FROM audit_log"));
        Assert.Contains("append-only", delete.Message);
    }
}
