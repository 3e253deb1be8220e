using System.Text.Json;
using Crm.Contracts.Segments;
using Crm.Contracts.Tenants.Access;
using Crm.CustomerClustering;
using Crm.CustomerReadModel.Queries;
using Crm.GraphQL.Access;
using Crm.GraphQL.Customers;
using GraphQL.Engine.Execution;
using GraphQL.Engine.Types;

namespace Crm.GraphQL.Segments;

/// <summary>Segments: rules kept by the tenant's segments grain, counted and listed live from the read model.</summary>
public static class SegmentsSchema
{
    private static readonly JsonSerializerOptions RuleJson = new(JsonSerializerDefaults.Web)
    {
        DefaultIgnoreCondition = System.Text.Json.Serialization.JsonIgnoreCondition.WhenWritingNull,
    };

    public static SchemaBuilder AddSegments(this SchemaBuilder schema) => schema
        .AddTypeDefinitions(EmbeddedText.Load("Segments/segments.graphql"))
        .AddQuery("segments", Permissions.Read, async context => (object?)await Segments(context).ListAsync())
        .AddResolver("Segment", "rule", context => JsonSerializer.SerializeToElement(Rule((Segment)context.Parent!), RuleJson))
        .AddResolver("Segment", "memberCount", async context => (object?)await CustomerLists.ReadModel(context)
            .CountAsync(CustomersSchema.TenantId(context), Rule((Segment)context.Parent!), context.CancellationToken))
        .AddResolver("Segment", "members", context => CustomerLists.PageAsync(context, Rule((Segment)context.Parent!)))
        .AddQuery("suggestedSegments", Permissions.Read, SuggestAsync)
        .AddMutation("createSegment", Permissions.MarketingWrite, CreateAsync)
        .AddMutation("deleteSegment", Permissions.MarketingWrite, context => DeletePayload.RunAsync(context, "segment", id => Segments(context).DeleteAsync(id)));

    private static async ValueTask<object?> CreateAsync(IResolverContext context)
    {
        var input = context.Argument<IReadOnlyDictionary<string, object?>>("input")!;
        var rule = Filters.From(input["where"] as IReadOnlyDictionary<string, object?>);
        try
        {
            var segment = await Segments(context).CreateAsync(new NewSegment(
                input["name"] as string ?? "", input.GetValueOrDefault("description") as string, JsonSerializer.Serialize(rule, RuleJson)));
            return new { Segment = (Segment?)segment, Errors = UserError.None };
        }
        catch (InvalidSegmentException e)
        {
            return new { Segment = (Segment?)null, Errors = (IReadOnlyList<UserError>)[ValidationError.OnInput(e.Message, e.Field)] };
        }
    }

    /// <summary>How many customers k-means looks at: the most recently changed, so a big tenant still answers quickly.</summary>
    public const int SuggestionSample = 10_000;

    private static async ValueTask<object?> SuggestAsync(IResolverContext context)
    {
        var clusters = context.Argument<int>("clusters");
        if (clusters is < 2 or > KMeansSegmenter.MaxClusters)
            throw new GraphQLException($"Ask for 2 to {KMeansSegmenter.MaxClusters} clusters, not {clusters}.", "BAD_USER_INPUT");
        var now = context.Services.GetRequiredService<TimeProvider>().GetUtcNow();
        var features = new List<CustomerFeatures>();
        var query = new CustomerQuery
        {
            TenantId = CustomersSchema.TenantId(context),
            Sort = new CustomerSort(SortField.UpdatedAt, SortDirection.Descending),
            First = CustomerQuery.MaxPageSize,
        };
        await foreach (var page in CustomerLists.ReadModel(context).PagesAsync(query, context.CancellationToken))
        {
            features.AddRange(page.Select(c => new CustomerFeatures(c.CustomerId,
                Math.Max(0, (now - (c.LastInteractionAt ?? c.CreatedAt)).TotalDays), c.OrderCount, (double)c.TotalSpend, c.InteractionCount)));
            if (features.Count >= SuggestionSample)
                break;
        }
        return KMeansSegmenter.Suggest(features, clusters).Select(c => new
        {
            c.Size,
            c.Description,
            c.Centroid,
            Where = JsonSerializer.SerializeToElement(new CustomerFilter
            {
                MinOrderCount = (int)c.Orders.Min,
                MaxOrderCount = (int)c.Orders.Max,
                MinTotalSpend = (decimal)c.Spend.Min,
                MaxTotalSpend = (decimal)c.Spend.Max,
            }, RuleJson),
        }).ToList();
    }

    private static CustomerFilter Rule(Segment segment) => JsonSerializer.Deserialize<CustomerFilter>(segment.Rule, RuleJson) ?? CustomerFilter.All;

    private static ISegmentsGrain Segments(IResolverContext context) =>
        context.Services.GetRequiredService<IGrainFactory>().GetGrain<ISegmentsGrain>(CustomersSchema.TenantId(context));
}
