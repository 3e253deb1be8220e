using Crm.Contracts.Analytics;
using Crm.Contracts.Tenants.Access;
using Crm.GraphQL.Access;
using Crm.GraphQL.Customers;
using GraphQL.Engine.Execution;
using GraphQL.Engine.Types;

namespace Crm.GraphQL.Analytics;

/// <summary>The tenant's analytics: the aggregate grain's sums turned into rates for the period asked.</summary>
public static class AnalyticsSchema
{
    public static SchemaBuilder AddAnalytics(this SchemaBuilder schema) => schema
        .AddTypeDefinitions(EmbeddedText.Load("Analytics/analytics.graphql"))
        .AddQuery("analytics", Permissions.Read, AnalyticsAsync);

    private static async ValueTask<object?> AnalyticsAsync(IResolverContext context)
    {
        var (from, to) = ReportingPeriod.Read(context);
        var figures = await context.Services.GetRequiredService<IGrainFactory>()
            .GetGrain<ITenantAnalyticsGrain>(CustomersSchema.TenantId(context)).GetAsync(from, to);
        var period = figures.Period;
        var previous = figures.PreviousPeriod;
        var npsAnswers = period.Promoters + period.Passives + period.Detractors;
        double? churnRate = figures.CustomersAtStart > 0 ? (double)period.Churned / figures.CustomersAtStart : null;
        return new
        {
            From = from,
            To = to,
            LifecycleFunnel = figures.Funnel.Select(s => new { Stage = s.Key, Count = s.Value }).ToList(),
            TierDistribution = figures.Tiers.Select(t => new { Tier = t.Key, Count = t.Value }).ToList(),
            Retention = new
            {
                figures.CustomersAtStart,
                period.NewCustomers,
                period.Churned,
                period.WonBack,
                ChurnRate = churnRate,
                RetentionRate = 1 - churnRate,
            },
            ComplaintRate = period.Orders > 0 ? (double?)period.ComplaintsOpened / period.Orders : null,
            Satisfaction = new
            {
                Responses = Math.Max(period.CsatCount, npsAnswers),
                AverageCsat = period.CsatCount > 0 ? (double?)period.CsatSum / period.CsatCount : null,
                Nps = npsAnswers > 0 ? (double?)(period.Promoters - period.Detractors) * 100 / npsAnswers : null,
                period.Promoters,
                period.Passives,
                period.Detractors,
            },
            SalesGrowth = new
            {
                period.Orders,
                period.Revenue,
                PreviousOrders = previous.Orders,
                PreviousRevenue = previous.Revenue,
                Growth = previous.Revenue > 0 ? (double?)((period.Revenue - previous.Revenue) / previous.Revenue) : null,
            },
            Cohorts = figures.Cohorts.Select(c => new
            {
                c.Month,
                c.Size,
                c.ActiveByMonth,
                RetentionByMonth = c.ActiveByMonth.Select(a => c.Size > 0 ? (double)a / c.Size : 0).ToList(),
            }).ToList(),
        };
    }
}
