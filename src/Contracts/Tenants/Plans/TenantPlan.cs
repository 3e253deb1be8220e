namespace Crm.Contracts.Tenants.Plans;

public enum TenantPlan
{
    Free,
    Pro,
    Enterprise,
}

/// <summary>
/// What a plan allows; the README's "Plans and limits" table lists the same numbers.
/// </summary>
/// <param name="RequestsPerSecond">Sustained requests a second through the gateway (a token bucket refilled every second)…</param>
/// <param name="Burst">…with room for this many at once.</param>
/// <param name="CostPerMinute">GraphQL cost (the engine's computed cost of each operation) a minute.</param>
/// <param name="MaxCustomers">Customers the tenant may hold.</param>
/// <param name="MaxImportRows">Rows one CSV import may have.</param>
public sealed record PlanLimits(int RequestsPerSecond, int Burst, int CostPerMinute, int MaxCustomers, int MaxImportRows)
{
    public static PlanLimits Of(TenantPlan plan) => plan switch
    {
        TenantPlan.Free => new(10, 20, 20_000, 1_000, 1_000),
        TenantPlan.Pro => new(100, 200, 500_000, 100_000, 100_000),
        TenantPlan.Enterprise => new(1_000, 2_000, 5_000_000, 10_000_000, 1_000_000),
        _ => throw new ArgumentOutOfRangeException(nameof(plan), plan, "Unknown plan."),
    };

    public static bool TryParse(string? text, out TenantPlan plan) =>
        Enum.TryParse(text, ignoreCase: true, out plan) && Enum.IsDefined(plan);

    /// <summary>The plan a signed tenant context names; an unknown name gets the smallest plan, never a bigger one.</summary>
    public static TenantPlan PlanOf(string? name) => TryParse(name, out var plan) ? plan : TenantPlan.Free;

    /// <summary>The limits of the plan a signed tenant context names (see <see cref="PlanOf"/>).</summary>
    public static PlanLimits Of(string? planName) => Of(PlanOf(planName));

    /// <summary>The plan as the API spells it: free, pro, enterprise.</summary>
    public static string NameOf(TenantPlan plan) => plan.ToString().ToLowerInvariant();
}
