using Crm.Contracts.Analytics;
using Crm.Contracts.Tenants.Access;
using Crm.Contracts.Tenants.Plans;
using Crm.Contracts.Tenants.Usage;
using Crm.GraphQL.Access;
using Crm.GraphQL.Customers;
using Crm.ServiceDefaults.Tenancy;
using GraphQL.Engine.Execution;
using GraphQL.Engine.Types;

namespace Crm.GraphQL.Tenants;

/// <summary>The tenant's plan, its limits and its metered use.</summary>
public static class UsageSchema
{
    public static SchemaBuilder AddUsage(this SchemaBuilder schema) => schema
        .AddTypeDefinitions(EmbeddedText.Load("Tenants/usage.graphql"))
        .AddQuery("usage", Permissions.Read, UsageAsync);

    private static async ValueTask<object?> UsageAsync(IResolverContext context)
    {
        var (from, to) = ReportingPeriod.Read(context);
        var tenantId = CustomersSchema.TenantId(context);
        var plan = PlanLimits.PlanOf(context.Services.GetRequiredService<TenantContext>().RequireClaims().Plan);
        var days = await context.Services.GetRequiredService<IGrainFactory>().GetGrain<ITenantUsageGrain>(tenantId).GetAsync(from, to);
        var customers = await context.Services.GetRequiredService<IGrainFactory>().GetGrain<ITenantAnalyticsGrain>(tenantId).CountCustomersAsync();
        return new { Plan = plan, Limits = PlanLimits.Of(plan), Customers = customers, Days = days };
    }
}
