namespace Crm.AuditLog;

/// <summary>How an audited operation ended: done, refused (the caller's mistake or missing permission), or failed (a fault).</summary>
public enum AuditOutcome
{
    Ok,
    Refused,
    Failed,
}

/// <summary>One thing that happened in a tenant, as the service that did it saw it.</summary>
/// <param name="Actor">Who acted, such as "user:&lt;id&gt;" or "key:&lt;id&gt;".</param>
/// <param name="Operation">What was done, such as "createCustomer" or "session.signed_in".</param>
/// <param name="Target">The id of what it was done to, when there is one.</param>
/// <param name="Reason">Why it was refused or failed (short); null when it went well.</param>
/// <param name="ClientAddress">Where the request came from, as the edge saw it.</param>
public sealed record AuditRecord(
    string TenantId, DateTimeOffset At, string Actor, string Operation, string? Target, AuditOutcome Outcome, string? Reason, string? ClientAddress)
{
    /// <summary>Longest reason kept: a reason names what went wrong, it is no log of the request.</summary>
    public const int MaxReasonLength = 200;

    public static string? Shorten(string? reason) =>
        reason is { Length: > MaxReasonLength } ? reason[..(MaxReasonLength - 1)] + "…" : reason;
}

/// <summary>A stored record with its id: ids grow with each append, so newer entries have bigger ids.</summary>
public sealed record AuditEntry(long Id, AuditRecord Record);
