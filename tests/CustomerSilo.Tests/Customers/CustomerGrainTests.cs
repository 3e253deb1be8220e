using Crm.Contracts;
using Crm.Contracts.Customers;
using Crm.Contracts.Tenants;

namespace CustomerSilo.Tests.Customers;

public sealed class CustomerGrainTests(LifecycleCluster crm) : IClassFixture<LifecycleCluster>
{
    private static string NewKey(string? tenantId = null) => TenantKey.For(tenantId ?? TenantIds.New(), Guid.NewGuid().ToString("N"));

    private ICustomerGrain Customer(string key) => crm.Grains.GetGrain<ICustomerGrain>(key);

    /// <summary>Two new customers of one new tenant, and the other's own id, as a merge names it.</summary>
    private async Task<(ICustomerGrain Survivor, ICustomerGrain Other, string OtherId)> MergePairAsync()
    {
        var tenantId = TenantIds.New();
        var otherKey = NewKey(tenantId);
        return (await CreatedAsync(NewKey(tenantId)), await CreatedAsync(otherKey), TenantKey.Parse(otherKey).Id);
    }

    private async Task<ICustomerGrain> CreatedAsync(string? key = null, CustomerDetails? details = null)
    {
        var customer = Customer(key ?? NewKey());
        await customer.CreateAsync(details ?? new CustomerDetails("Ada Lovelace", "ada@example.com"));
        return customer;
    }

    private static NewOrder Order(decimal amount) => new(amount, "USD");

    /// <summary>
    /// Waits, with a deadline, for a reminder's turn to have been taken by the grain. The fake clock moves on a second
    /// a poll meanwhile, since the reminder service's own short delays run on it too.
    /// </summary>
    private async Task<CustomerView> EventuallyAsync(ICustomerGrain customer, Func<CustomerView, bool> condition)
    {
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (true)
        {
            var view = (await customer.GetAsync())!;
            if (condition(view))
                return view;
            Assert.True(DateTime.UtcNow < deadline, $"the customer is still {view.Stage} after 30 s");
            crm.Clock.Advance(TimeSpan.FromSeconds(1));
            await Task.Delay(20);
        }
    }

    [Fact]
    public async Task A_new_customer_is_standardized_stored_and_starts_in_awareness()
    {
        var key = NewKey();
        var created = await Customer(key).CreateAsync(new CustomerDetails(" Ada ", "ADA@example.com", "(201) 555-0123", Tags: ["VIP"]));
        var read = (await Customer(key).GetAsync())!;

        Assert.Equal(TenantKey.Parse(key), (read.TenantId, read.CustomerId));
        Assert.Equal(("Ada", "ada@example.com", "+12015550123"), (read.Name, read.Details.Email, read.Details.Phone));
        Assert.Equal(["vip"], read.Details.Tags);
        Assert.Equal(LifecycleStage.Awareness, read.Stage);
        Assert.Equal("rule:created", read.StageHistory.Single().By);
        Assert.Equal(created.Version, read.Version);
    }

    [Fact]
    public async Task A_change_sent_again_under_its_id_is_applied_once_and_other_changes_each_apply()
    {
        var customer = await CreatedAsync();

        RequestContext.Set(ChangeRequests.Key, "order-once");
        var first = await customer.RecordOrderAsync(Order(40));
        var again = await customer.RecordOrderAsync(Order(40));
        RequestContext.Set(ChangeRequests.Key, "another-order");
        await customer.RecordOrderAsync(Order(40));
        RequestContext.Remove(ChangeRequests.Key);
        await customer.RecordOrderAsync(Order(40));

        Assert.Single(first.Orders);
        Assert.Equal(first.Version, again.Version);
        Assert.Single(again.Orders);
        Assert.Equal(3, (await customer.GetAsync())!.Orders.Count);
    }

    [Fact]
    public async Task Phones_are_read_in_the_tenants_default_country()
    {
        var tenantId = TenantIds.New();
        await crm.Grains.GetGrain<ITenantGrain>(tenantId).UpdateSettingsAsync(new TenantSettingsPatch(DefaultCountry: "de"));

        var created = await Customer(NewKey(tenantId)).CreateAsync(new CustomerDetails("Jo", Phone: "030 123456"));

        Assert.Equal("+4930123456", created.Details.Phone);
    }

    [Fact]
    public async Task Invalid_input_is_refused_on_its_field_and_nothing_is_stored()
    {
        var customer = Customer(NewKey());
        var error = await Assert.ThrowsAsync<InvalidCustomerException>(() => customer.CreateAsync(new CustomerDetails("Bob", "bob-at-example")));
        Assert.Equal("email", error.Field);
        Assert.Null(await customer.GetAsync());

        await customer.CreateAsync(new CustomerDetails("Bob"));
        await Assert.ThrowsAsync<InvalidCustomerException>(() => customer.RecordOrderAsync(new NewOrder(10, "XYZ")));
        Assert.Empty((await customer.GetAsync())!.Orders);
    }

    [Fact]
    public async Task Creating_twice_fails_and_keeps_the_first_profile()
    {
        var customer = await CreatedAsync(details: new CustomerDetails("First"));
        await Assert.ThrowsAsync<CustomerAlreadyExistsException>(() => customer.CreateAsync(new CustomerDetails("Second")));
        Assert.Equal("First", (await customer.GetAsync())!.Name);
    }

    [Fact]
    public async Task Calls_on_a_customer_that_does_not_exist_fail_as_not_found()
    {
        await Assert.ThrowsAsync<CustomerNotFoundException>(() => Customer(NewKey()).RecordInteractionAsync(new NewInteraction(Channel.Web, InteractionKind.Visit)));
    }

    [Fact]
    public async Task Interactions_count_in_total_by_channel_and_kind_and_in_their_windows()
    {
        var customer = await CreatedAsync();
        var now = crm.Clock.GetUtcNow();
        await customer.RecordInteractionAsync(new NewInteraction(Channel.Web, InteractionKind.Visit));
        await customer.RecordInteractionAsync(new NewInteraction(Channel.Chat, InteractionKind.Inquiry, now.AddHours(-30)));
        await customer.RecordInteractionAsync(new NewInteraction(Channel.Web, InteractionKind.Visit, now.AddDays(-10)));
        var counters = (await customer.RecordInteractionAsync(new NewInteraction(Channel.Email, InteractionKind.Visit, now.AddDays(-40)))).Counters;

        Assert.Equal(4, counters.Total);
        Assert.Equal(2, counters.ByChannel[Channel.Web]);
        Assert.Equal(3, counters.ByKind[InteractionKind.Visit]);
        Assert.Equal((1, 2, 3), (counters.Last24h, counters.Last7d, counters.Last30d));
        Assert.Equal(now, counters.LastInteractionAt);
    }

    [Fact]
    public async Task Orders_drive_the_stage_from_first_purchase_to_maturity_and_count_as_purchases()
    {
        var customer = await CreatedAsync();

        Assert.Equal(LifecycleStage.Acquisition, (await customer.RecordOrderAsync(Order(300))).Stage);
        Assert.Equal(LifecycleStage.Consolidation, (await customer.RecordOrderAsync(Order(300))).Stage);
        await customer.RecordOrderAsync(Order(300));
        await customer.RecordOrderAsync(Order(300));
        var mature = await customer.RecordOrderAsync(Order(300) with { Channel = Channel.Web });

        Assert.Equal(LifecycleStage.Maturity, mature.Stage);
        Assert.Equal(["rule:created", "rule:first-purchase", "rule:repeat-purchase", "rule:maturity"], mature.StageHistory.Select(c => c.By));
        Assert.Equal(5, mature.Counters.ByKind[InteractionKind.Purchase]);
        Assert.Equal((4, 1), (mature.Counters.ByChannel[Channel.Store], mature.Counters.ByChannel[Channel.Web]));
        Assert.Equal((1_500m, ValueTier.B), (mature.Insights.TotalSpend, mature.Insights.Tier));
        Assert.Contains(mature.Insights.NextBestActions, a => a.Code == "UPSELL");
    }

    [Fact]
    public async Task Silence_moves_a_customer_to_decline_and_churn_by_its_own_reminder_and_a_purchase_wins_it_back()
    {
        var customer = await CreatedAsync();
        await customer.RecordOrderAsync(Order(50));

        await crm.PassDaysAsync(91);
        var declined = await EventuallyAsync(customer, v => v.Stage == LifecycleStage.Decline);
        Assert.Equal("rule:decline", declined.StageHistory[^1].By);
        Assert.Contains(declined.Insights.NextBestActions, a => a.Code == "WIN_BACK");

        await crm.PassDaysAsync(90);
        var churned = await EventuallyAsync(customer, v => v.Stage == LifecycleStage.Churned);
        Assert.Equal("rule:churn", churned.StageHistory[^1].By);

        var back = await customer.RecordOrderAsync(Order(80));
        Assert.Equal((LifecycleStage.Consolidation, 1, "rule:win-back"), (back.Stage, back.WinBacks, back.StageHistory[^1].By));

        // The win-back re-arms the reminder: another 90 silent days bring the next decline.
        await crm.PassDaysAsync(91);
        await EventuallyAsync(customer, v => v.Stage == LifecycleStage.Decline);
    }

    [Fact]
    public async Task Interactions_push_the_decline_back()
    {
        var customer = await CreatedAsync();
        await crm.PassDaysAsync(60);
        await customer.RecordInteractionAsync(new NewInteraction(Channel.Phone, InteractionKind.Inquiry));

        await crm.PassDaysAsync(60); // 120 days after creation, 60 after the last interaction: the reminder fires and re-arms
        var stillActive = await EventuallyAsync(customer, v => v.StageHistory.Count == 1 && v.Version >= 3);
        Assert.Equal(LifecycleStage.Awareness, stillActive.Stage);

        await crm.PassDaysAsync(31);
        await EventuallyAsync(customer, v => v.Stage == LifecycleStage.Decline);
    }

    [Fact]
    public async Task A_manual_stage_change_keeps_its_reason_and_who_made_it()
    {
        var customer = await CreatedAsync();
        var changed = await customer.ChangeStageAsync(LifecycleStage.Maturity, "Signed a framework contract", "user:42");

        Assert.Equal(new StageChange(LifecycleStage.Awareness, LifecycleStage.Maturity, crm.Clock.GetUtcNow(), "Signed a framework contract", "user:42"), changed.StageHistory[^1]);
        await Assert.ThrowsAsync<InvalidCustomerException>(() => customer.ChangeStageAsync(LifecycleStage.Decline, "", "user:42"));
    }

    [Fact]
    public async Task Complaints_open_with_their_SLA_count_as_complaints_and_resolve_with_a_root_cause()
    {
        var customer = await CreatedAsync();
        var opened = await customer.OpenComplaintAsync(new NewComplaint("Billing", ComplaintSeverity.High, "Charged twice"));
        var complaint = opened.Complaints.Single();

        Assert.Equal(("billing", crm.Clock.GetUtcNow().AddHours(24), 1), (complaint.Category, complaint.SlaDueAt, opened.Insights.OpenComplaints));
        Assert.Equal(1, opened.Counters.ByKind[InteractionKind.Complaint]);

        crm.Clock.Advance(TimeSpan.FromHours(25));
        Assert.Contains((await customer.GetAsync())!.Insights.NextBestActions, a => a.Code == "COMPLAINT_PAST_SLA");

        var resolved = await customer.ResolveComplaintAsync(complaint.Id, "Refunded the second charge", "payment retry");
        Assert.Equal((ComplaintStatus.Resolved, "payment retry", 0), (resolved.Complaints[0].Status, resolved.Complaints[0].RootCause, resolved.Insights.OpenComplaints));
        await Assert.ThrowsAsync<InvalidCustomerException>(() => customer.ResolveComplaintAsync(complaint.Id, "again", null));
    }

    [Fact]
    public async Task Survey_answers_give_the_latest_CSAT_and_the_NPS_class()
    {
        var customer = await CreatedAsync();
        await customer.RecordSurveyResponseAsync(new NewSurveyResponse(2, 4));
        var answered = await customer.RecordSurveyResponseAsync(new NewSurveyResponse(5, 10, "Great service"));

        Assert.Equal((5, NpsClass.Promoter), (answered.Insights.LatestCsat, answered.Insights.NpsClass));
        Assert.Equal(2, answered.Counters.ByKind[InteractionKind.Feedback]);
        await Assert.ThrowsAsync<InvalidCustomerException>(() => customer.RecordSurveyResponseAsync(new NewSurveyResponse(6, null)));
    }

    [Fact]
    public async Task A_won_deal_records_its_order_and_moves_the_lifecycle_and_a_closed_deal_stays_closed()
    {
        var customer = await CreatedAsync();
        var opened = await customer.OpenOpportunityAsync(new NewOpportunity("Fleet renewal", 4_000, "USD", new DateOnly(2026, 3, 1)));
        var deal = opened.Opportunities.Single();
        await customer.MoveOpportunityAsync(deal.Id, DealStage.Proposal);

        var won = await customer.MoveOpportunityAsync(deal.Id, DealStage.Won);

        var order = won.Orders.Single();
        Assert.Equal((DealStage.Won, order.Id, 4_000m, deal.Id), (won.Opportunities[0].Stage, won.Opportunities[0].OrderId, order.Amount, order.ContractReference));
        Assert.Equal(LifecycleStage.Acquisition, won.Stage);
        Assert.Equal(1, won.Counters.ByKind[InteractionKind.Purchase]);
        await Assert.ThrowsAsync<InvalidCustomerException>(() => customer.MoveOpportunityAsync(deal.Id, DealStage.Lost));
    }

    [Fact]
    public async Task A_patch_updates_only_what_it_names()
    {
        var customer = await CreatedAsync(details: new CustomerDetails("Ada", "ada@example.com", Tags: ["vip"]));
        var updated = await customer.UpdateAsync(new CustomerPatch(Phone: "+44 20 7946 0018", Address: new PostalAddress("United Kingdom", City: "London")));

        Assert.Equal(("ada@example.com", "+442079460018", "GB"), (updated.Details.Email, updated.Details.Phone, updated.Details.Address!.Country));
        Assert.Equal(["vip"], updated.Details.Tags);
    }

    [Fact]
    public async Task A_merge_keeps_the_survivors_id_and_folds_in_the_others_history_counters_and_records()
    {
        var tenantId = TenantIds.New();
        var survivorKey = NewKey(tenantId);
        var otherKey = NewKey(tenantId);
        var survivor = await CreatedAsync(survivorKey, new CustomerDetails("Ada Lovelace", "ada@example.com"));
        var other = await CreatedAsync(otherKey, new CustomerDetails("A. Lovelace", Phone: "+12015550123", Tags: ["newsletter"]));
        await survivor.RecordOrderAsync(Order(100));
        await other.RecordOrderAsync(Order(200));
        await other.OpenComplaintAsync(new NewComplaint("delivery", ComplaintSeverity.Low));
        await other.RecordInteractionAsync(new NewInteraction(Channel.Sms, InteractionKind.Inquiry));

        var merged = await survivor.MergeAsync(TenantKey.Parse(otherKey).Id, "user:7");

        Assert.Equal(TenantKey.Parse(survivorKey).Id, merged.CustomerId);
        Assert.Equal(("Ada Lovelace", "ada@example.com", "+12015550123"), (merged.Name, merged.Details.Email, merged.Details.Phone));
        Assert.Equal(["newsletter"], merged.Details.Tags);
        Assert.Equal([100m, 200m], merged.Orders.Select(o => o.Amount));
        Assert.Single(merged.Complaints);
        Assert.Equal(4, merged.Counters.Total); // an order each, the other's complaint and its SMS
        Assert.Equal(1, merged.Counters.ByChannel[Channel.Sms]);
        Assert.Equal(TenantKey.Parse(otherKey).Id, merged.Merges.Single().MergedCustomerId);
        Assert.Equal(4, merged.StageHistory.Count); // both were created and bought once, and share their stage
        Assert.Null(await other.GetAsync());
        Assert.Equal(merged.Orders.Count, merged.Orders.Select(o => o.Id).Distinct().Count());
    }

    [Fact]
    public async Task A_merge_sent_again_under_its_id_answers_the_survivor_and_folds_nothing_in_twice()
    {
        var (survivor, other, otherId) = await MergePairAsync();
        await other.RecordOrderAsync(Order(200));

        RequestContext.Set(ChangeRequests.Key, "merge-once");
        var merged = await survivor.MergeAsync(otherId, "user:7");
        var again = await survivor.MergeAsync(otherId, "user:7");
        RequestContext.Remove(ChangeRequests.Key);

        Assert.Equal((merged.Version, 1, 1), (again.Version, again.Orders.Count, again.Merges.Count));
        Assert.Null(await other.GetAsync());
        // Under another id the other customer is gone: the user's mistake is still refused on its field.
        var error = await Assert.ThrowsAsync<InvalidCustomerException>(() => survivor.MergeAsync(otherId, "user:7"));
        Assert.Equal("otherId", error.Field);
    }

    [Fact]
    public async Task A_merge_takes_the_stage_of_the_customer_active_last_and_records_the_move()
    {
        var (survivor, other, otherId) = await MergePairAsync();
        crm.Clock.Advance(TimeSpan.FromMinutes(5));
        await other.RecordOrderAsync(Order(20));

        var merged = await survivor.MergeAsync(otherId, "user:7");

        Assert.Equal(LifecycleStage.Acquisition, merged.Stage);
        Assert.Equal((LifecycleStage.Awareness, "user:7"), (merged.StageHistory[^1].From, merged.StageHistory[^1].By));
    }

    [Fact]
    public async Task Deleting_erases_the_customer_and_everything_recorded()
    {
        var key = NewKey();
        var customer = await CreatedAsync(key);
        await customer.RecordOrderAsync(Order(10));

        Assert.True(await customer.DeleteAsync());
        Assert.Null(await Customer(key).GetAsync());
        Assert.False(await customer.DeleteAsync());
        // The id is free again, and starts from nothing.
        var again = await Customer(key).CreateAsync(new CustomerDetails("New"));
        Assert.Empty(again.Orders);
    }

    [Fact]
    public async Task A_customer_outlives_its_activation()
    {
        var key = NewKey();
        var customer = await CreatedAsync(key);
        await customer.RecordOrderAsync(Order(10));
        await crm.Cluster.DeactivateAsync(customer);

        var read = (await Customer(key).GetAsync())!;
        Assert.Equal((LifecycleStage.Acquisition, 1), (read.Stage, read.Orders.Count));
    }
}
