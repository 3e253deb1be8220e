using Crm.Contracts.Tenants;
using Crm.CustomerSilo.Customers;

namespace Crm.CustomerSilo.Lifecycle;

/// <summary>
/// Each customer's own reminder for when silence could next move it (to DECLINE, then CHURNED). It is set once and
/// moved only when it fires (interactions in between only make it fire early), so recording a touch costs no
/// reminder write. The customer grain arms it on its writes; an import's bulk creation arms it for the customers it writes.
/// </summary>
public static class SilenceReminders
{
    public const string Name = "lifecycle-silence";

    /// <summary>How often a silence reminder repeats if a firing fails to re-arm it.</summary>
    public static readonly TimeSpan Retry = TimeSpan.FromDays(1);

    /// <summary>When to set the reminder for, and how long from now that is; null when the armed one still serves.</summary>
    public static (DateTimeOffset Due, TimeSpan Wait)? Arming(CustomerState customer, TenantSettings settings, DateTimeOffset now)
    {
        var due = StageRules.NextSilenceCheck(customer, settings.Lifecycle);
        if (due is null || customer.SilenceCheckAt is { } armed && armed <= due)
            return null;
        var wait = due.Value - now;
        return (due.Value, wait > TimeSpan.Zero ? wait : TimeSpan.FromMinutes(1));
    }
}
