using Crm.CustomerReadModel.Duplicates;
using Crm.CustomerReadModel.Listings;
using Crm.CustomerReadModel.Queries;

namespace Crm.CustomerReadModel.Tests.Contract;

/// <summary>
/// What the read model promises, whichever store holds it. Each test gets an empty store of its own; each store's
/// test class says how to open it (again, at the same place) and how to hold its write lock from outside.
/// </summary>
public abstract class ReadModelContract : IAsyncLifetime
{
    private const string Tenant = "tenant-a";
    private const string OtherTenant = "tenant-b";

    private readonly List<SqlCustomerReadModel> _opened = [];
    private SqlCustomerReadModel? _store;

    /// <summary>Opens this test's store; a second call opens the same data again.</summary>
    protected abstract SqlCustomerReadModel OpenStore();

    /// <summary>Takes the store's write lock from another connection until disposed, so the read model's writer waits.</summary>
    protected abstract Task<IAsyncDisposable> HoldWriteLockAsync();

    private SqlCustomerReadModel Store => _store ??= Open();

    private SqlCustomerReadModel Open()
    {
        var store = OpenStore();
        _opened.Add(store);
        return store;
    }

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync()
    {
        foreach (var store in _opened)
            await store.DisposeAsync();
    }

    [Fact]
    public async Task An_upserted_listing_reads_back_with_every_field()
    {
        var listing = Samples.Full(Tenant, "c1");

        await Store.UpsertAsync(listing);

        AssertSame(listing, await Store.GetAsync(Tenant, "c1"));
        Assert.Null(await Store.GetAsync(Tenant, "missing"));
    }

    [Fact]
    public async Task An_upsert_whose_version_is_not_newer_is_ignored()
    {
        await Store.UpsertAsync(Samples.One(Tenant, "c1", "Version Five", version: 5));

        await Store.UpsertAsync(Samples.One(Tenant, "c1", "Stale Four", version: 4));
        await Store.UpsertAsync(Samples.One(Tenant, "c1", "Same Five", version: 5));
        Assert.Equal("Version Five", (await Store.GetAsync(Tenant, "c1"))!.Name);
        Assert.Empty(await Store.SearchAsync(Tenant, "stale", 10));

        await Store.UpsertAsync(Samples.One(Tenant, "c1", "Newer Six", version: 6));
        Assert.Equal("Newer Six", (await Store.GetAsync(Tenant, "c1"))!.Name);
        Assert.Equal(["c1"], Ids(await Store.SearchAsync(Tenant, "newer", 10)));
        Assert.Empty(await Store.SearchAsync(Tenant, "version", 10));
    }

    [Fact]
    public async Task Upsert_many_stores_every_row_and_applies_the_version_rule_to_each()
    {
        var rows = Samples.Varied(Tenant, 50);
        await Store.UpsertManyAsync(rows);
        await Store.UpsertManyAsync([Samples.One(Tenant, "c000", "Stale", version: 0), Samples.One(Tenant, "c001", "Fresh", version: 2)]);

        Assert.Equal(50, await Store.CountAsync(Tenant, CustomerFilter.All));
        AssertSame(rows[0], await Store.GetAsync(Tenant, "c000"));
        Assert.Equal("Fresh", (await Store.GetAsync(Tenant, "c001"))!.Name);
    }

    public static TheoryData<string> FilterNames => new(Filters.Keys);

    private static readonly Dictionary<string, (CustomerFilter Filter, Func<CustomerListing, bool> Matches)> Filters = new()
    {
        ["stages"] = (new() { Stages = ["MATURITY", "DECLINE"] }, l => l.Stage is "MATURITY" or "DECLINE"),
        ["tiers"] = (new() { Tiers = ["A"] }, l => l.Tier == "A"),
        ["tags any"] = (new() { TagsAny = ["vip", "b2b"] }, l => l.Tags.Contains("vip") || l.Tags.Contains("b2b")),
        ["country"] = (new() { Country = "FR" }, l => l.Country == "FR"),
        ["region"] = (new() { Region = "North" }, l => l.Region == "North"),
        ["city"] = (new() { City = "Leeds" }, l => l.City == "Leeds"),
        ["source channel"] = (new() { SourceChannel = "STORE" }, l => l.SourceChannel == "STORE"),
        ["gender"] = (new() { Gender = "F" }, l => l.Gender == "F"),
        ["age band"] = (new() { AgeBand = "25-34" }, l => l.AgeBand == "25-34"),
        ["income band"] = (new() { IncomeBand = "HIGH" }, l => l.IncomeBand == "HIGH"),
        ["min spend"] = (new() { MinTotalSpend = 100.5m }, l => l.TotalSpend >= 100.5m),
        ["max spend"] = (new() { MaxTotalSpend = 100.5m }, l => l.TotalSpend <= 100.5m),
        ["min orders"] = (new() { MinOrderCount = 3 }, l => l.OrderCount >= 3),
        ["max orders"] = (new() { MaxOrderCount = 1 }, l => l.OrderCount <= 1),
        ["last interaction before"] = (new() { LastInteractionBefore = Samples.Epoch.AddDays(4) }, l => l.LastInteractionAt < Samples.Epoch.AddDays(4)),
        ["last interaction after"] = (new() { LastInteractionAfter = Samples.Epoch.AddDays(4) }, l => l.LastInteractionAt >= Samples.Epoch.AddDays(4)),
        ["created before"] = (new() { CreatedBefore = Samples.Epoch.AddDays(3) }, l => l.CreatedAt < Samples.Epoch.AddDays(3)),
        ["created after"] = (new() { CreatedAfter = Samples.Epoch.AddDays(3) }, l => l.CreatedAt >= Samples.Epoch.AddDays(3)),
        ["has open complaints"] = (new() { HasOpenComplaints = true }, l => l.OpenComplaints > 0),
        ["has no open complaints"] = (new() { HasOpenComplaints = false }, l => l.OpenComplaints == 0),
        ["birthday month"] = (new() { BirthdayMonth = 3 }, l => l.Birthday?.Month == 3),
        ["several at once"] = (
            new() { Stages = ["MATURITY", "CONSOLIDATION", "ACQUISITION"], Country = "GB", MinTotalSpend = 50.25m, Gender = "M" },
            l => l.Stage is "MATURITY" or "CONSOLIDATION" or "ACQUISITION" && l.Country == "GB" && l.TotalSpend >= 50.25m && l.Gender == "M"),
        ["empty list matches nothing"] = (new() { Tiers = [] }, _ => false),
        ["custom field"] = (new() { CustomFields = new Dictionary<string, string> { ["plan"] = "gold" } }, l => l.CustomFields.GetValueOrDefault("plan") == "gold"),
        ["two custom fields, one key made of JSON path syntax"] = (
            new() { CustomFields = new Dictionary<string, string> { ["plan"] = "gold", ["it's \"odd\".$[0]"] = "yes" } },
            l => l.CustomFields.GetValueOrDefault("plan") == "gold" && l.CustomFields.GetValueOrDefault("it's \"odd\".$[0]") == "yes"),
        ["a custom field no customer has"] = (new() { CustomFields = new Dictionary<string, string> { ["plan"] = "platinum" } }, _ => false),
    };

    [Theory]
    [MemberData(nameof(FilterNames))]
    public async Task Each_filter_lists_and_counts_exactly_the_matching_customers(string filterName)
    {
        var rows = Samples.Varied(Tenant, 120);
        await Store.UpsertManyAsync(rows);
        var (filter, matches) = Filters[filterName];
        var expected = rows.Where(matches).Select(l => l.CustomerId).Order(StringComparer.Ordinal).ToList();
        Assert.True(filterName.StartsWith("empty", StringComparison.Ordinal) || filterName.Contains("no customer", StringComparison.Ordinal) || expected.Count > 0, $"the data has no customer for filter {filterName}");

        var listed = await WalkAsync(new CustomerQuery { TenantId = Tenant, Filter = filter, First = 100 });

        Assert.Equal(expected, listed.Select(l => l.CustomerId).Order(StringComparer.Ordinal));
        Assert.Equal(expected.Count, await Store.CountAsync(Tenant, filter));
    }

    public static TheoryData<SortField, SortDirection> Sorts()
    {
        var data = new TheoryData<SortField, SortDirection>();
        foreach (var field in Enum.GetValues<SortField>())
            foreach (var direction in Enum.GetValues<SortDirection>())
                data.Add(field, direction);
        return data;
    }

    [Theory]
    [MemberData(nameof(Sorts))]
    public async Task Walking_every_page_of_a_sort_returns_each_customer_once_in_order_ties_by_id(SortField field, SortDirection direction)
    {
        var rows = Samples.Varied(Tenant, 90);
        await Store.UpsertManyAsync(rows);
        var sort = new CustomerSort(field, direction);

        var walked = await WalkAsync(new CustomerQuery { TenantId = Tenant, Sort = sort, First = 7 });

        IEnumerable<CustomerListing> expected = direction == SortDirection.Ascending
            ? rows.OrderBy(l => SortKey(l, field), KeyComparer).ThenBy(l => l.CustomerId, StringComparer.Ordinal)
            : rows.OrderByDescending(l => SortKey(l, field), KeyComparer).ThenByDescending(l => l.CustomerId, StringComparer.Ordinal);
        Assert.Equal(expected.Select(l => l.CustomerId), walked.Select(l => l.CustomerId));
    }

    [Fact]
    public async Task A_page_says_whether_more_follow_and_counts_all_matches_when_asked()
    {
        await Store.UpsertManyAsync(Samples.Varied(Tenant, 30));
        var filter = new CustomerFilter { Tiers = ["A", "B"] };
        var matching = await Store.CountAsync(Tenant, filter);

        var first = await Store.QueryAsync(new CustomerQuery { TenantId = Tenant, Filter = filter, First = 5, IncludeTotalCount = true });
        var all = await Store.QueryAsync(new CustomerQuery { TenantId = Tenant, Filter = filter, First = 100 });

        Assert.True(first.HasNextPage);
        Assert.Equal(5, first.Items.Count);
        Assert.Equal(matching, first.TotalCount);
        Assert.False(all.HasNextPage);
        Assert.Null(all.TotalCount);
        var empty = await Store.QueryAsync(new CustomerQuery { TenantId = Tenant, After = all.EndCursor, First = 10 });
        Assert.Empty(empty.Items);
        Assert.Null(empty.EndCursor);
    }

    [Fact]
    public async Task Paging_through_a_query_gives_every_match_once_in_its_order()
    {
        await Store.UpsertManyAsync(Samples.Varied(Tenant, 30));
        await Store.UpsertManyAsync(Samples.Varied(OtherTenant, 5));
        var query = new CustomerQuery { TenantId = Tenant, Sort = new CustomerSort(SortField.Name, SortDirection.Ascending), First = 7 };
        var expected = await Store.QueryAsync(query with { First = 100 });

        var pages = new List<IReadOnlyList<CustomerListing>>();
        await foreach (var page in Store.PagesAsync(query))
            pages.Add(page);

        Assert.Equal([7, 7, 7, 7, 2], pages.Select(p => p.Count));
        Assert.Equal(expected.Items.Select(l => l.CustomerId), pages.SelectMany(p => p).Select(l => l.CustomerId));
    }

    [Fact]
    public async Task Bad_page_sizes_and_foreign_cursors_are_refused_with_what_to_pass()
    {
        await Store.UpsertManyAsync(Samples.Varied(Tenant, 5));
        var page = await Store.QueryAsync(new CustomerQuery { TenantId = Tenant, First = 2 });

        foreach (var first in new[] { 0, 101, -1 })
            Assert.Contains("1 to 100", (await Assert.ThrowsAsync<ArgumentException>(() => Store.QueryAsync(new CustomerQuery { TenantId = Tenant, First = first }))).Message);
        var otherSort = await Assert.ThrowsAsync<ArgumentException>(() => Store.QueryAsync(new CustomerQuery
        {
            TenantId = Tenant, After = page.EndCursor, Sort = new CustomerSort(SortField.TotalSpend, SortDirection.Descending),
        }));
        Assert.Contains("first page", otherSort.Message);
        var garbage = await Assert.ThrowsAsync<ArgumentException>(() => Store.QueryAsync(new CustomerQuery { TenantId = Tenant, After = "not-a-cursor!" }));
        Assert.Contains("EndCursor", garbage.Message);
        await Assert.ThrowsAsync<ArgumentException>(() => Store.SearchAsync(Tenant, "ada", 0));
    }

    [Fact]
    public async Task Counts_by_stage_and_tier_equal_a_recount_of_the_rows()
    {
        var rows = Samples.Varied(Tenant, 80);
        await Store.UpsertManyAsync(rows);

        var byStage = await Store.CountByAsync(Tenant, CountField.Stage);
        var byTier = await Store.CountByAsync(Tenant, CountField.Tier);

        Assert.Equal(rows.GroupBy(l => l.Stage).ToDictionary(g => g.Key, g => (long)g.Count()), byStage);
        Assert.Equal(rows.GroupBy(l => l.Tier).ToDictionary(g => g.Key, g => (long)g.Count()), byTier);
        Assert.Empty(await Store.CountByAsync("nobody", CountField.Stage));
    }

    [Fact]
    public async Task Search_matches_every_word_and_the_last_one_as_a_prefix()
    {
        await Store.UpsertManyAsync([
            Samples.One(Tenant, "c1", "Ada Lovelace"),
            Samples.One(Tenant, "c2", "Ada Byron"),
            Samples.One(Tenant, "c3", "Adam Smith"),
            Samples.One(Tenant, "c4", "Grace Hopper") with
            {
                Email = "grace.hopper@navy.example", Phone = "+14155550199", City = "Arlington", Tags = ["admiral", "cobol"],
            },
            Samples.One(Tenant, "c5", "José Álvarez"),
        ]);

        Assert.Equal(["c1"], Ids(await Store.SearchAsync(Tenant, "ada lov", 10)));
        Assert.Equal(["c1"], Ids(await Store.SearchAsync(Tenant, "LOVELACE", 10)));
        Assert.Equal(["c1", "c2", "c3"], Ids(await Store.SearchAsync(Tenant, "ada", 10)).Order());
        Assert.Equal(["c4"], Ids(await Store.SearchAsync(Tenant, "grace.hopper@navy.example", 10)));
        Assert.Equal(["c4"], Ids(await Store.SearchAsync(Tenant, "+1 415 555 0199", 10)));
        Assert.Equal(["c4"], Ids(await Store.SearchAsync(Tenant, "4155550199", 10)));
        Assert.Equal(["c4"], Ids(await Store.SearchAsync(Tenant, "arlington", 10)));
        Assert.Equal(["c4"], Ids(await Store.SearchAsync(Tenant, "cobo", 10)));
        Assert.Equal(["c5"], Ids(await Store.SearchAsync(Tenant, "jose alv", 10)));
        Assert.Equal(["c5"], Ids(await Store.SearchAsync(Tenant, "JOSÉ", 10)));
        Assert.Empty(await Store.SearchAsync(Tenant, "ada hopper", 10));
        Assert.Equal(2, (await Store.SearchAsync(Tenant, "ada", 2)).Count);
    }

    [Fact]
    public async Task Search_ranks_a_name_match_above_a_match_elsewhere()
    {
        await Store.UpsertManyAsync([
            Samples.One(Tenant, "a-city", "Bob Brown") with { City = "Paris" },
            Samples.One(Tenant, "b-tag", "Carol White") with { Tags = ["paris"] },
            Samples.One(Tenant, "z-name", "Paris Hilton"),
        ]);

        var found = Ids(await Store.SearchAsync(Tenant, "paris", 10));

        Assert.Equal("z-name", found[0]);
        Assert.Equal(3, found.Count);
    }

    [Theory]
    [InlineData("\"", "")]
    [InlineData("ada\" OR \"x", "")]
    [InlineData("*", "")]
    [InlineData("ada*", "c1")]
    [InlineData("NEAR(ada lovelace)", "")]
    [InlineData("ada NOT lovelace", "")]
    [InlineData("name_terms:ada", "")]
    [InlineData("ada AND", "")]
    [InlineData("'; DROP TABLE customer_listing; --", "")]
    [InlineData("ada & lov:* | !x", "")]
    [InlineData("(ada", "c1")]
    [InlineData("^ada", "c1")]
    [InlineData("-ada", "c1")]
    [InlineData("\\ada\\", "c1")]
    [InlineData("💥 ada", "c1")]
    [InlineData("ада", "c2")]
    [InlineData("   ", "")]
    [InlineData("", "")]
    public async Task Hostile_search_text_is_taken_as_plain_words_and_never_raises(string text, string expected)
    {
        await Store.UpsertManyAsync([Samples.One(Tenant, "c1", "Ada Lovelace"), Samples.One(Tenant, "c2", "Ада Лавлейс")]);

        var found = await Store.SearchAsync(Tenant, text, 10);

        Assert.Equal(expected.Length == 0 ? [] : expected.Split(','), Ids(found));
        Assert.Equal(2, await Store.CountAsync(Tenant, CustomerFilter.All));
    }

    [Fact]
    public async Task A_batch_of_emails_and_phones_finds_the_lowest_matching_id_of_each_in_the_tenant_only()
    {
        await Store.UpsertManyAsync([
            Samples.One(Tenant, "c2") with { Email = "ada@example.com" },
            Samples.One(Tenant, "c3") with { Phone = "+14155550100" },
            Samples.One(Tenant, "c4") with { Email = "other@example.com", Phone = "+14155550111" },
            Samples.One(OtherTenant, "c0") with { Email = "ada@example.com", Phone = "+14155550100" },
        ]);

        var found = await Store.FindFirstDuplicatesAsync(Tenant, [
            (" Ada@EXAMPLE.com", null), (null, "+1 (415) 555-0100"), ("ada@example.com", "+14155550111"),
            ("nobody@example.com", "+14155550199"), (null, null),
        ]);

        Assert.Equal(["c2", "c3", "c2", null, null], found);
    }

    [Fact]
    public async Task Duplicates_are_found_by_normalized_email_or_phone()
    {
        await Store.UpsertManyAsync([
            Samples.One(Tenant, "c1") with { Email = "ada@example.com", Phone = "+14155550100" },
            Samples.One(Tenant, "c2") with { Email = "ADA@Example.com " },
            Samples.One(Tenant, "c3") with { Phone = "+1 (415) 555-0100" },
            Samples.One(Tenant, "c4") with { Email = "other@example.com", Phone = "+14155550111" },
            Samples.One(Tenant, "c5") with { Phone = "+14155550111" },
        ]);

        Assert.Equal(["c1", "c2", "c3"], await Store.FindDuplicatesAsync(Tenant, " Ada@EXAMPLE.com", "+14155550100"));
        Assert.Equal(["c2", "c3"], await Store.FindDuplicatesAsync(Tenant, "ada@example.com", "+14155550100", excludingCustomerId: "c1"));
        Assert.Equal(["c1", "c3"], await Store.FindDuplicatesAsync(Tenant, null, "+1 415 555 0100"));
        Assert.Empty(await Store.FindDuplicatesAsync(Tenant, "nobody@example.com", null));
        Assert.Empty(await Store.FindDuplicatesAsync(Tenant, null, null));

        var groups = await Store.DuplicateCandidatesAsync(Tenant, 10);

        Assert.Equal(
            [
                new DuplicateGroup(DuplicateKind.Email, "ada@example.com", ["c1", "c2"]),
                new DuplicateGroup(DuplicateKind.Phone, "+14155550100", ["c1", "c3"]),
                new DuplicateGroup(DuplicateKind.Phone, "+14155550111", ["c4", "c5"]),
            ],
            groups,
            new DuplicateGroupComparer());
        Assert.Single(await Store.DuplicateCandidatesAsync(Tenant, 1));
    }

    [Fact]
    public async Task A_deleted_customer_is_gone_from_reads_search_and_duplicates()
    {
        await Store.UpsertManyAsync([
            Samples.Full(Tenant, "c1"),
            Samples.Full(Tenant, "c2") with { Name = "Ada Twin" },
        ]);

        await Store.DeleteAsync(Tenant, "c1");
        await Store.DeleteAsync(Tenant, "never-there");

        Assert.Null(await Store.GetAsync(Tenant, "c1"));
        Assert.Equal(["c2"], Ids((await Store.QueryAsync(new CustomerQuery { TenantId = Tenant })).Items));
        Assert.Equal(["c2"], Ids(await Store.SearchAsync(Tenant, "ada", 10)));
        Assert.Equal(["c2"], await Store.FindDuplicatesAsync(Tenant, "ada@example.com", null));
        Assert.Empty(await Store.DuplicateCandidatesAsync(Tenant, 10));

        // A later write of the same customer makes it again (a delete leaves no version behind).
        await Store.UpsertAsync(Samples.One(Tenant, "c1", "Ada Again"));
        Assert.Equal(["c1"], Ids(await Store.SearchAsync(Tenant, "again", 10)));
    }

    [Fact]
    public async Task Search_stays_exact_when_the_newest_row_was_deleted_before_other_writes()
    {
        await Store.UpsertAsync(Samples.One(Tenant, "c1", "Alpha One"));
        await Store.UpsertAsync(Samples.One(Tenant, "c2", "Beta Two"));
        await Store.DeleteAsync(Tenant, "c2");

        await Store.UpsertAsync(Samples.One(Tenant, "c1", "Gamma One", version: 2));
        await Store.UpsertAsync(Samples.One(Tenant, "c3", "Delta Three"));

        Assert.Equal(["c1"], Ids(await Store.SearchAsync(Tenant, "gamma", 10)));
        Assert.Equal(["c3"], Ids(await Store.SearchAsync(Tenant, "delta", 10)));
        Assert.Empty(await Store.SearchAsync(Tenant, "alpha", 10));
        Assert.Empty(await Store.SearchAsync(Tenant, "beta", 10));
        Assert.Equal(["c1"], Ids(await Store.SearchAsync(Tenant, "one", 10)));
        Assert.Equal(["c3"], Ids(await Store.SearchAsync(Tenant, "three", 10)));
    }

    [Fact]
    public async Task Deleting_a_tenant_erases_all_its_rows_and_nothing_of_another()
    {
        await Store.UpsertManyAsync(Samples.Varied(Tenant, 40));
        await Store.UpsertManyAsync(Samples.Varied(OtherTenant, 40));

        await Store.DeleteTenantAsync(Tenant);

        Assert.Equal(0, await Store.CountAsync(Tenant, CustomerFilter.All));
        Assert.Empty(await Store.SearchAsync(Tenant, "ada", 10));
        Assert.Empty(await Store.DuplicateCandidatesAsync(Tenant, 10));
        Assert.Empty(await Store.CountByAsync(Tenant, CountField.Tier));
        Assert.Equal(40, await Store.CountAsync(OtherTenant, CustomerFilter.All));
        Assert.NotEmpty(await Store.SearchAsync(OtherTenant, "ada", 10));
    }

    [Fact]
    public async Task One_tenants_rows_never_show_in_another_tenants_results_even_with_identical_data()
    {
        var mine = Samples.Varied(Tenant, 60);
        await Store.UpsertManyAsync(mine);
        await Store.UpsertManyAsync(mine.Select(l => l with { TenantId = OtherTenant }).ToList());
        var shared = mine.First(l => l.Email is not null);
        await Store.UpsertAsync(Samples.Full(OtherTenant, "only-b") with { Name = "Zed Unique", Email = shared.Email });

        foreach (var (tenant, count) in new[] { (Tenant, 60), (OtherTenant, 61) })
        {
            foreach (var (field, direction) in new[] { (SortField.Name, SortDirection.Ascending), (SortField.TotalSpend, SortDirection.Descending) })
            {
                var walked = await WalkAsync(new CustomerQuery { TenantId = tenant, Sort = new(field, direction), First = 13 });
                Assert.Equal(count, walked.Count);
                Assert.All(walked, l => Assert.Equal(tenant, l.TenantId));
            }
            Assert.Equal(count, await Store.CountAsync(tenant, CustomerFilter.All));
            Assert.Equal(count, (await Store.CountByAsync(tenant, CountField.Stage)).Values.Sum());
            var search = await Store.SearchAsync(tenant, "ada", 100);
            Assert.All(search, l => Assert.Equal(tenant, l.TenantId));
            Assert.Equal(mine.Count(l => l.Name.StartsWith("Ada ", StringComparison.Ordinal)), search.Count);
            foreach (var id in (await Store.DuplicateCandidatesAsync(tenant, 100)).SelectMany(g => g.CustomerIds))
                Assert.NotNull(await Store.GetAsync(tenant, id));
        }
        Assert.Empty(await Store.SearchAsync(Tenant, "zed", 10));
        Assert.Null(await Store.GetAsync(Tenant, "only-b"));
        Assert.Equal([shared.CustomerId], await Store.FindDuplicatesAsync(Tenant, shared.Email, null));
        Assert.Equal([shared.CustomerId, "only-b"], await Store.FindDuplicatesAsync(OtherTenant, shared.Email, null));
        Assert.Empty(await Store.DuplicateCandidatesAsync(Tenant, 10));
        Assert.Single(await Store.DuplicateCandidatesAsync(OtherTenant, 10));
    }

    [Fact]
    public async Task Concurrent_upserts_are_grouped_into_fewer_transactions_and_each_returns_after_its_commit()
    {
        const int writers = 100;
        await Store.UpsertAsync(Samples.One(Tenant, "warm-up"));
        var before = Store.CommittedTransactions;

        Task[] writes;
        // While another connection holds the write lock, the writer cannot commit: every upsert queues up behind it.
        await using (await HoldWriteLockAsync())
        {
            writes = Enumerable.Range(0, writers).Select(i => Store.UpsertAsync(Samples.One(Tenant, $"w{i:D3}", $"Writer {i}"))).ToArray();
            Assert.All(writes, w => Assert.False(w.IsCompleted));
        }
        await Task.WhenAll(writes);

        var transactions = Store.CommittedTransactions - before;
        Assert.InRange(transactions, 1, 2); // the first write may have been taken alone before the others queued
        Assert.Equal(writers + 1, await Store.CountAsync(Tenant, CustomerFilter.All));
    }

    [Fact]
    public async Task Rows_written_with_a_commit_gate_are_seen_only_once_it_completes()
    {
        var gate = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);

        var write = Store.UpsertManyAsync([Samples.One(Tenant, "gated", "Gated Row")], commitAfter: gate.Task);
        // Long enough for the writer to have written the row; it is not committed while the gate is open.
        for (var i = 0; i < 20; i++)
        {
            Assert.Null(await Store.GetAsync(Tenant, "gated"));
            await Task.Delay(10);
        }
        Assert.False(write.IsCompleted);

        gate.SetResult();
        await write;
        Assert.Equal("Gated Row", (await Store.GetAsync(Tenant, "gated"))!.Name);
        Assert.Equal(["gated"], Ids(await Store.SearchAsync(Tenant, "gated", 10)));
    }

    [Fact]
    public async Task A_failed_commit_gate_stores_none_of_its_rows_and_the_writes_grouped_with_it_are_committed()
    {
        await Store.UpsertAsync(Samples.One(Tenant, "warm-up"));
        var gate = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        Task first, gated, plain;
        // While the lock is held the writer waits with the first write, and the next two queue up into one transaction.
        await using (await HoldWriteLockAsync())
        {
            first = Store.UpsertAsync(Samples.One(Tenant, "first"));
            gated = Store.UpsertManyAsync([Samples.One(Tenant, "gated-1"), Samples.One(Tenant, "gated-2")], commitAfter: gate.Task);
            plain = Store.UpsertAsync(Samples.One(Tenant, "plain"));
            gate.SetException(new InvalidOperationException("the states were not stored"));
        }

        await first;
        await plain;
        var failure = await Assert.ThrowsAsync<InvalidOperationException>(() => gated);
        Assert.Equal("the states were not stored", failure.Message);
        Assert.Null(await Store.GetAsync(Tenant, "gated-1"));
        Assert.Null(await Store.GetAsync(Tenant, "gated-2"));
        Assert.NotNull(await Store.GetAsync(Tenant, "plain"));
        Assert.Equal(3, await Store.CountAsync(Tenant, CustomerFilter.All));
    }

    [Fact]
    public async Task A_committed_row_is_there_after_the_store_is_reopened()
    {
        var listing = Samples.Full(Tenant, "c1");
        await Store.UpsertAsync(listing);
        await Store.DisposeAsync();
        _opened.Remove(Store);

        await using var reopened = OpenStore();

        AssertSame(listing, await reopened.GetAsync(Tenant, "c1"));
        Assert.Equal(["c1"], Ids(await reopened.SearchAsync(Tenant, "lovelace", 10)));
    }

    [Fact]
    public async Task Reads_and_writes_without_a_tenant_are_refused()
    {
        await Assert.ThrowsAsync<ArgumentException>(() => Store.GetAsync("", "c1"));
        await Assert.ThrowsAsync<ArgumentException>(() => Store.UpsertAsync(Samples.One(" ", "c1")));
        await Assert.ThrowsAsync<ArgumentException>(() => Store.QueryAsync(new CustomerQuery { TenantId = "" }));
        await Assert.ThrowsAsync<ArgumentException>(() => Store.DeleteTenantAsync(""));
    }

    private async Task<List<CustomerListing>> WalkAsync(CustomerQuery query)
    {
        var all = new List<CustomerListing>();
        string? after = null;
        for (var pages = 0; ; pages++)
        {
            Assert.True(pages < 1000, "paging does not end");
            var page = await Store.QueryAsync(query with { After = after });
            Assert.True(page.Items.Count <= query.First);
            all.AddRange(page.Items);
            if (!page.HasNextPage)
                return all;
            Assert.Equal(query.First, page.Items.Count);
            after = page.EndCursor;
        }
    }

    private static object SortKey(CustomerListing l, SortField field) => field switch
    {
        SortField.Name => l.Name.ToLowerInvariant(),
        SortField.CreatedAt => l.CreatedAt.UtcTicks,
        SortField.UpdatedAt => l.UpdatedAt.UtcTicks,
        SortField.TotalSpend => l.TotalSpend,
        SortField.LastInteractionAt => l.LastInteractionAt?.UtcTicks ?? -1,
        SortField.OrderCount => (long)l.OrderCount,
        _ => throw new ArgumentOutOfRangeException(nameof(field)),
    };

    private static readonly Comparer<object> KeyComparer = Comparer<object>.Create((a, b) => a is string x && b is string y
        ? string.CompareOrdinal(x, y)
        : Comparer<object>.Default.Compare(a, b));

    private static List<string> Ids(IEnumerable<CustomerListing> listings) => listings.Select(l => l.CustomerId).ToList();

    private static void AssertSame(CustomerListing expected, CustomerListing? actual)
    {
        Assert.NotNull(actual);
        Assert.Equal(expected.Tags, actual.Tags);
        Assert.Equal(expected.CustomFields.OrderBy(f => f.Key, StringComparer.Ordinal), actual.CustomFields.OrderBy(f => f.Key, StringComparer.Ordinal));
        Assert.Equal(expected with { Tags = actual.Tags, CustomFields = actual.CustomFields }, actual);
    }

    private sealed class DuplicateGroupComparer : IEqualityComparer<DuplicateGroup>
    {
        public bool Equals(DuplicateGroup? x, DuplicateGroup? y) =>
            x is not null && y is not null && x.Kind == y.Kind && x.Value == y.Value && x.CustomerIds.SequenceEqual(y.CustomerIds);

        public int GetHashCode(DuplicateGroup obj) => HashCode.Combine(obj.Kind, obj.Value);
    }
}
