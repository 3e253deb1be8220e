namespace Crm.ServiceDefaults.Tenancy;

/// <summary>What a service tells the gateway about the work a request cost, so the gateway can meter and limit it.</summary>
public static class UsageHeaders
{
    /// <summary>The request's cost in points, a whole number; the gateway charges it to the tenant's plan and removes it.</summary>
    public const string Cost = "X-Crm-Cost";
}
