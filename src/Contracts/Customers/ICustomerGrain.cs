using Orleans.Concurrency;

namespace Crm.Contracts.Customers;

/// <summary>
/// One customer of one tenant. Keyed by <see cref="TenantKey.For"/>(tenantId, customerId), so the tenant id leads
/// the key and every row stored under it. Every change answers only once it is durable, with the customer as it now
/// is. Input that breaks a rule fails with <see cref="InvalidCustomerException"/> and changes nothing; a call on a
/// customer that was never created (or was deleted) fails with <see cref="CustomerNotFoundException"/>.
/// </summary>
[Alias("crm.customer")]
public interface ICustomerGrain : IGrainWithStringKey
{
    /// <summary>Creates the customer in AWARENESS; fails with <see cref="CustomerAlreadyExistsException"/> if it exists.</summary>
    [Alias("create")]
    Task<CustomerView> CreateAsync(CustomerDetails details);

    /// <summary>The customer, or null when none was created under this key.</summary>
    [Alias("get"), ReadOnly]
    Task<CustomerView?> GetAsync();

    [Alias("update")]
    Task<CustomerView> UpdateAsync(CustomerPatch patch);

    [Alias("record-interaction")]
    Task<CustomerView> RecordInteractionAsync(NewInteraction interaction);

    /// <summary>Records the order; it also counts as a PURCHASE interaction on its channel and drives the lifecycle.</summary>
    [Alias("record-order")]
    Task<CustomerView> RecordOrderAsync(NewOrder order);

    /// <summary>Opens a complaint, due by its severity's SLA; it also counts as a COMPLAINT interaction.</summary>
    [Alias("open-complaint")]
    Task<CustomerView> OpenComplaintAsync(NewComplaint complaint);

    [Alias("resolve-complaint")]
    Task<CustomerView> ResolveComplaintAsync(string complaintId, string resolution, string? rootCause);

    /// <summary>Records a survey answer; it also counts as a FEEDBACK interaction.</summary>
    [Alias("record-survey")]
    Task<CustomerView> RecordSurveyResponseAsync(NewSurveyResponse response);

    [Alias("add-follow-up")]
    Task<CustomerView> AddFollowUpAsync(NewFollowUp followUp);

    [Alias("complete-follow-up")]
    Task<CustomerView> CompleteFollowUpAsync(string followUpId);

    /// <summary>Opens a deal in the LEAD stage.</summary>
    [Alias("open-opportunity")]
    Task<CustomerView> OpenOpportunityAsync(NewOpportunity opportunity);

    /// <summary>Moves a deal along the pipeline; WON records its order (and so a purchase), WON and LOST close it.</summary>
    [Alias("move-opportunity")]
    Task<CustomerView> MoveOpportunityAsync(string opportunityId, DealStage stage);

    /// <summary>A person's decision to move the stage; it needs a reason, which the history keeps with who gave it.</summary>
    [Alias("change-stage")]
    Task<CustomerView> ChangeStageAsync(LifecycleStage stage, string reason, string by);

    /// <summary>
    /// Folds the customer <paramref name="otherCustomerId"/> of the same tenant into this one: its history, counters,
    /// orders, complaints, surveys and follow-ups join this customer's, and its details fill the fields this one
    /// lacks. This customer keeps its id; the other is then deleted.
    /// </summary>
    [Alias("merge")]
    Task<CustomerView> MergeAsync(string otherCustomerId, string by);

    /// <summary>Erases the customer and everything recorded about it; false when there was nothing to erase.</summary>
    [Alias("delete")]
    Task<bool> DeleteAsync();
}
