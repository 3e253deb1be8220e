using Crm.Contracts.Tenants;
using Crm.CustomerSilo.Records;
using Crm.CustomerSilo.Standardization;

namespace Crm.CustomerSilo.Tenants;

/// <summary>The checks a tenant's settings pass before they apply.</summary>
public static class SettingsRules
{
    public static TenantSettings Apply(TenantSettings current, TenantSettingsPatch patch)
    {
        var country = patch.DefaultCountry is { } name ? Country(name) : current.DefaultCountry;
        var currency = current.Currency;
        if (patch.Currency is { } raw && !RecordRules.TryCurrency(raw, out currency))
            throw new InvalidTenantSettingsException("currency", RecordRules.CurrencyError(raw));
        return new TenantSettings(country, currency, Lifecycle(patch.Lifecycle ?? current.Lifecycle), Tiers(patch.Tiers ?? current.Tiers), Sla(patch.Sla ?? current.Sla),
            patch.CustomFields is { } fields ? CustomFieldRules.Definitions(fields) : current.CustomFields);
    }

    private static string Country(string raw)
    {
        var code = raw.Trim().ToUpperInvariant();
        return PhoneFormat.IsKnownRegion(code)
            ? code
            : throw new InvalidTenantSettingsException("defaultCountry", $"'{raw}' is not an ISO 3166-1 alpha-2 country code like US or DE.");
    }

    private static LifecycleRules Lifecycle(LifecycleRules rules)
    {
        if (rules.MaturityMinOrders < 1 || rules.MaturityMinSpend < 0)
            throw new InvalidTenantSettingsException("lifecycle.maturityMinOrders", "Maturity needs at least 1 order and a spend of 0 or more.");
        if (rules.DeclineAfterDays < 1 || rules.ChurnAfterDays <= rules.DeclineAfterDays)
            throw new InvalidTenantSettingsException("lifecycle.churnAfterDays",
                $"Decline needs at least 1 silent day and churn more days than decline (got {rules.DeclineAfterDays} and {rules.ChurnAfterDays}).");
        return rules;
    }

    private static TierThresholds Tiers(TierThresholds tiers) =>
        tiers.BSpend < 0 || tiers.ASpend < tiers.BSpend || tiers.BOrders < 1 || tiers.AOrders < tiers.BOrders
            ? throw new InvalidTenantSettingsException("tiers", "Tier A's thresholds must be at least tier B's, and B's at least 0 spend and 1 order.")
            : tiers;

    private static ComplaintSla Sla(ComplaintSla sla) =>
        new[] { sla.LowHours, sla.MediumHours, sla.HighHours, sla.CriticalHours }.Any(h => h < 1)
            ? throw new InvalidTenantSettingsException("sla", "Every severity needs an SLA of at least 1 hour.")
            : sla;
}
