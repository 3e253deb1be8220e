namespace Crm.Contracts.Tenants;

/// <summary>
/// How a tenant's customers are standardized, staged and tiered. Every tenant starts with <see cref="Defaults"/>;
/// the README's "CRM rules" section lists them.
/// </summary>
/// <param name="DefaultCountry">ISO 3166-1 alpha-2; phone numbers written without a country code are read as this country's.</param>
/// <param name="Currency">ISO 4217; spend, tiers and RFM count orders in this currency.</param>
/// <param name="CustomFields">
/// The custom fields the tenant defines for its customers; null or empty (settings stored before there were
/// definitions, too): custom fields are free-form.
/// </param>
[GenerateSerializer, Immutable, Alias("crm.TenantSettings")]
public sealed record TenantSettings(
    [property: Id(0)] string DefaultCountry,
    [property: Id(1)] string Currency,
    [property: Id(2)] LifecycleRules Lifecycle,
    [property: Id(3)] TierThresholds Tiers,
    [property: Id(4)] ComplaintSla Sla,
    [property: Id(5)] IReadOnlyList<CustomFieldDefinition>? CustomFields = null)
{
    public static TenantSettings Defaults { get; } = new("US", "USD", LifecycleRules.Defaults, TierThresholds.Defaults, ComplaintSla.Defaults);
}

/// <param name="MaturityMinOrders">A CONSOLIDATION customer with at least this many orders…</param>
/// <param name="MaturityMinSpend">…and at least this spend moves to MATURITY.</param>
/// <param name="DeclineAfterDays">Days without an interaction that move a customer to DECLINE.</param>
/// <param name="ChurnAfterDays">Days without an interaction that move it to CHURNED.</param>
[GenerateSerializer, Immutable, Alias("crm.LifecycleRules")]
public sealed record LifecycleRules(
    [property: Id(0)] int MaturityMinOrders,
    [property: Id(1)] decimal MaturityMinSpend,
    [property: Id(2)] int DeclineAfterDays,
    [property: Id(3)] int ChurnAfterDays)
{
    public static LifecycleRules Defaults { get; } = new(5, 1_000m, 90, 180);
}

/// <summary>A customer is A when it reaches either A threshold, else B when it reaches either B threshold, else C.</summary>
[GenerateSerializer, Immutable, Alias("crm.TierThresholds")]
public sealed record TierThresholds(
    [property: Id(0)] decimal ASpend,
    [property: Id(1)] int AOrders,
    [property: Id(2)] decimal BSpend,
    [property: Id(3)] int BOrders)
{
    public static TierThresholds Defaults { get; } = new(5_000m, 20, 1_000m, 5);
}

/// <summary>Hours to resolve a complaint, by severity.</summary>
[GenerateSerializer, Immutable, Alias("crm.ComplaintSla")]
public sealed record ComplaintSla(
    [property: Id(0)] int LowHours,
    [property: Id(1)] int MediumHours,
    [property: Id(2)] int HighHours,
    [property: Id(3)] int CriticalHours)
{
    public static ComplaintSla Defaults { get; } = new(168, 72, 24, 4);
}

/// <summary>
/// A custom field the tenant defines: a value written to it is checked and stored in its type's standard form
/// (NUMBER as an invariant decimal, DATE as yyyy-MM-dd, BOOLEAN as true or false, CHOICE as the choice's own spelling).
/// </summary>
/// <param name="Key">The name customers' customFields (and import columns custom.Key) use.</param>
/// <param name="Choices">A CHOICE field's choices; null for the other types.</param>
[GenerateSerializer, Immutable, Alias("crm.CustomFieldDefinition")]
public sealed record CustomFieldDefinition(
    [property: Id(0)] string Key,
    [property: Id(1)] string Label,
    [property: Id(2)] CustomFieldType Type,
    [property: Id(3)] IReadOnlyList<string>? Choices = null);

[GenerateSerializer, Alias("crm.CustomFieldType")]
public enum CustomFieldType { Text, Number, Date, Boolean, Choice }

/// <summary>A change to some settings; null leaves a setting as it is. <see cref="CustomFields"/> replaces the whole list.</summary>
[GenerateSerializer, Immutable, Alias("crm.TenantSettingsPatch")]
public sealed record TenantSettingsPatch(
    [property: Id(0)] string? DefaultCountry = null,
    [property: Id(1)] string? Currency = null,
    [property: Id(2)] LifecycleRules? Lifecycle = null,
    [property: Id(3)] TierThresholds? Tiers = null,
    [property: Id(4)] ComplaintSla? Sla = null,
    [property: Id(5)] IReadOnlyList<CustomFieldDefinition>? CustomFields = null);

/// <summary>A settings change broke a rule; <see cref="Field"/> names the input field.</summary>
[GenerateSerializer, Alias("crm.InvalidTenantSettingsException")]
public sealed class InvalidTenantSettingsException(string field, string message) : Exception(message)
{
    [Id(0)] public string Field { get; } = field;
}
