using Crm.Contracts.Analytics;
using Crm.Contracts.Customers;
using Crm.Contracts.Tenants.Access;
using Crm.Contracts.Tenants.Plans;
using Crm.GraphQL.Access;
using Crm.ServiceDefaults.Tenancy;
using GraphQL.Engine.Execution;
using GraphQL.Engine.Types;

namespace Crm.GraphQL.Customers;

/// <summary>
/// The customer mutations. Each answers a payload: what it changed, or the caller's mistakes as typed errors
/// (<see cref="UserError"/>), in which case nothing was applied. Only faults become GraphQL errors.
/// </summary>
public static class CustomerMutations
{
    public static SchemaBuilder AddCustomerMutations(this SchemaBuilder schema) => schema
        .AddMutation("createCustomer", Permissions.CustomersWrite, context => RunAsync(context, null, async (grain, input) =>
            await PlanLimitReachedAsync(context) is { } limit ? Failed(limit) : Payload(await CreateOnceAsync(grain, input.Details()))))
        .AddMutation("updateCustomer", Permissions.CustomersWrite, context => RunAsync(context, "id", async (grain, input) =>
            Payload(await grain.UpdateAsync(input.Patch()))))
        .AddMutation("recordInteraction", Permissions.CustomersWrite, context => RunAsync(context, "customerId", async (grain, input) =>
            Payload(await grain.RecordInteractionAsync(new NewInteraction(
                input.Enum<Channel>("channel")!.Value, input.Enum<InteractionKind>("kind")!.Value, input.Instant("at"), input.String("note"))))))
        .AddMutation("recordOrder", Permissions.SalesWrite, context => RunAsync(context, "customerId", async (grain, input) =>
        {
            var customer = await grain.RecordOrderAsync(new NewOrder(
                input.Decimal("amount"), input.RequiredString("currency"), input.Int("items"), input.Enum<Channel>("channel"), input.Instant("at"),
                input.String("contractReference"), input.Enum<PaymentStatus>("paymentStatus"), input.Enum<DeliveryStatus>("deliveryStatus")));
            return Payload(customer, ("order", customer.Orders[^1]));
        }))
        .AddMutation("openComplaint", Permissions.ServiceWrite, context => RunAsync(context, "customerId", async (grain, input) =>
        {
            var customer = await grain.OpenComplaintAsync(new NewComplaint(
                input.RequiredString("category"), input.Enum<ComplaintSeverity>("severity")!.Value, input.String("description"), input.Enum<Channel>("channel")));
            return Payload(customer, ("complaint", customer.Complaints[^1]));
        }))
        .AddMutation("resolveComplaint", Permissions.ServiceWrite, context => RunAsync(context, "customerId", async (grain, input) =>
        {
            var id = input.RequiredString("complaintId");
            var customer = await grain.ResolveComplaintAsync(id, input.RequiredString("resolution"), input.String("rootCause"));
            return Payload(customer, ("complaint", customer.Complaints.Single(c => c.Id == id)));
        }))
        .AddMutation("recordSurveyResponse", Permissions.ServiceWrite, context => RunAsync(context, "customerId", async (grain, input) =>
        {
            var customer = await grain.RecordSurveyResponseAsync(new NewSurveyResponse(input.Int("csat"), input.Int("nps"), input.String("text"), input.Instant("at")));
            return Payload(customer, ("survey", customer.Surveys[^1]));
        }))
        .AddMutation("addFollowUp", Permissions.CustomersWrite, context => RunAsync(context, "customerId", async (grain, input) =>
        {
            var customer = await grain.AddFollowUpAsync(new NewFollowUp(input.RequiredString("title"), input.Instant("dueAt")!.Value, input.String("assigneeId")));
            return Payload(customer, ("followUp", customer.FollowUps[^1]));
        }))
        .AddMutation("completeFollowUp", Permissions.CustomersWrite, context => RunAsync(context, "customerId", async (grain, input) =>
        {
            var id = input.RequiredString("followUpId");
            var customer = await grain.CompleteFollowUpAsync(id);
            return Payload(customer, ("followUp", customer.FollowUps.Single(f => f.Id == id)));
        }))
        .AddMutation("openOpportunity", Permissions.SalesWrite, context => RunAsync(context, "customerId", async (grain, input) =>
        {
            var customer = await grain.OpenOpportunityAsync(new NewOpportunity(
                input.RequiredString("title"), input.Decimal("amount"), input.RequiredString("currency"), input.Date("expectedCloseOn"), input.String("ownerId")));
            return Payload(customer, ("opportunity", customer.Opportunities[^1]));
        }))
        .AddMutation("moveOpportunity", Permissions.SalesWrite, context => RunAsync(context, "customerId", async (grain, input) =>
        {
            var id = input.RequiredString("opportunityId");
            var customer = await grain.MoveOpportunityAsync(id, input.Enum<DealStage>("stage")!.Value);
            return Payload(customer, ("opportunity", customer.Opportunities.Single(o => o.Id == id)));
        }))
        .AddMutation("changeLifecycleStage", Permissions.CustomersWrite, context => RunAsync(context, "customerId", async (grain, input) =>
            Payload(await grain.ChangeStageAsync(input.Enum<LifecycleStage>("stage")!.Value, input.RequiredString("reason"), Actor(context)))))
        .AddMutation("mergeCustomers", Permissions.CustomersWrite, context => RunAsync(context, "survivorId", async (grain, input) =>
            CustomersSchema.OwnId(input.String("otherId")) is { } otherId
                ? Payload(await grain.MergeAsync(otherId, Actor(context)))
                : Failed(new NotFoundError("There is no such customer to merge.", ["input", "otherId"]))))
        .AddMutation("deleteCustomer", Permissions.CustomersWrite, context => RunAsync(context, "id", async (grain, input) =>
            await DeleteOnceAsync(grain)
                ? new Dictionary<string, object?> { ["deletedId"] = input.String("id"), ["errors"] = UserError.None }
                : Failed(NotFound("id"))));

    /// <summary>
    /// Runs a mutation on the customer named by the input field <paramref name="idField"/> (a new customer when null),
    /// turning the grain's refusals into the payload's errors.
    /// </summary>
    private static async ValueTask<object?> RunAsync(
        IResolverContext context, string? idField, Func<ICustomerGrain, CustomerInputs, Task<Dictionary<string, object?>>> mutate)
    {
        var input = new CustomerInputs(context.Argument<IReadOnlyDictionary<string, object?>>("input")!);
        var customerId = idField is null ? CustomerIds.New() : CustomersSchema.OwnId(input.String(idField));
        if (customerId is null)
            return Failed(NotFound(idField!));
        // One id for this change, however often the cluster client sends it: the grain applies it once.
        RequestContext.Set(ChangeRequests.Key, ChangeRequests.New());
        try
        {
            return await mutate(CustomersSchema.Grain(context, customerId), input);
        }
        catch (InvalidCustomerException e)
        {
            return Failed(ValidationError.OnInput(e.Message, e.Field));
        }
        catch (CustomerNotFoundException)
        {
            return Failed(NotFound(idField ?? "id"));
        }
        finally
        {
            RequestContext.Remove(ChangeRequests.Key);
        }
    }

    /// <summary>
    /// Creates the customer under the id minted for this request. The cluster client sends a call again when the silo
    /// it went to became unavailable (<c>SiloUnavailableException</c>), which can happen after the grain ran but before
    /// its answer came back; the second attempt then finds the customer. Nobody else can know a freshly minted id, so
    /// a customer that has it was made by this request: it is the answer.
    /// </summary>
    private static async Task<CustomerView> CreateOnceAsync(ICustomerGrain grain, CustomerDetails details)
    {
        try
        {
            return await grain.CreateAsync(details);
        }
        catch (CustomerAlreadyExistsException)
        {
            return await grain.GetAsync()
                ?? throw new InvalidOperationException($"The customer '{grain.GetPrimaryKeyString()}' was reported created but reads as missing.");
        }
    }

    /// <summary>
    /// Erases the customer if there is one. The cluster client may send the delete again after its first attempt
    /// erased the customer (as with <see cref="CreateOnceAsync"/>), and erasure keeps nothing to recognise the attempt
    /// by; so the customer is read first, and one that was there and is gone counts as deleted, as a repeated DELETE
    /// does (a concurrent delete by someone else is answered the same way: the customer is erased either way).
    /// </summary>
    private static async Task<bool> DeleteOnceAsync(ICustomerGrain grain)
    {
        if (await grain.GetAsync() is null)
            return false;
        await grain.DeleteAsync();
        return true;
    }

    /// <summary>
    /// The plan's customer limit, counted by the tenant's aggregates (which lag a write by a moment, so a burst of
    /// creations at the limit can pass it by a few).
    /// </summary>
    private static async Task<UserError?> PlanLimitReachedAsync(IResolverContext context)
    {
        var claims = context.Services.GetRequiredService<TenantContext>().RequireClaims();
        var limits = PlanLimits.Of(claims.Plan);
        var count = await context.Services.GetRequiredService<IGrainFactory>().GetGrain<ITenantAnalyticsGrain>(claims.TenantId).CountCustomersAsync();
        return count >= limits.MaxCustomers
            ? new PlanLimitError($"The {claims.Plan} plan holds at most {limits.MaxCustomers:N0} customers, and the tenant has {count:N0}. Delete customers or move to a bigger plan.", ["input"])
            : null;
    }

    private static NotFoundError NotFound(string field) => new("The calling tenant has no customer with this id.", ["input", field]);

    private static Dictionary<string, object?> Payload(CustomerView customer, params (string Name, object? Value)[] more)
    {
        var payload = new Dictionary<string, object?> { ["customer"] = customer, ["errors"] = UserError.None };
        foreach (var (name, value) in more)
            payload[name] = value;
        return payload;
    }

    private static Dictionary<string, object?> Failed(UserError error) => new() { ["errors"] = new[] { error } };

    /// <summary>Who a manual change is attributed to: the user or API key the gateway vouched for.</summary>
    private static string Actor(IResolverContext context) => context.Services.GetRequiredService<TenantContext>().RequireClaims().Actor;
}
