namespace Crm.Contracts.Customers;

/// <summary>The stages a customer moves through; the aim is to catch it at DECLINE and win it back.</summary>
[GenerateSerializer, Alias("crm.LifecycleStage")]
public enum LifecycleStage { Awareness, Acquisition, Consolidation, Maturity, Decline, Churned }

/// <param name="From">Null for the first stage a new customer enters.</param>
/// <param name="By">The user or key that moved it ("user:…", "key:…"), or the rule ("rule:first-purchase").</param>
[GenerateSerializer, Immutable, Alias("crm.StageChange")]
public sealed record StageChange(
    [property: Id(0)] LifecycleStage? From,
    [property: Id(1)] LifecycleStage To,
    [property: Id(2)] DateTimeOffset At,
    [property: Id(3)] string Reason,
    [property: Id(4)] string By);

/// <summary>A key account's tier, by spend and purchase frequency (thresholds per tenant).</summary>
[GenerateSerializer, Alias("crm.ValueTier")]
public enum ValueTier { A, B, C }
