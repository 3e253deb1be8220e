using Crm.Contracts.Customers;
using GraphQL.Engine.Relay;
using GraphQL.Engine.Types;

namespace Crm.GraphQL.Customers;

/// <summary>
/// The Customer type's fields that are not a property of the same name on <see cref="CustomerView"/>, and the
/// counters' lists. Records (orders, complaints, …) bind by property name.
/// </summary>
public static class CustomerFields
{
    public static SchemaBuilder AddCustomerFields(this SchemaBuilder schema)
    {
        Field(schema, "email", c => c.Details.Email);
        Field(schema, "phone", c => c.Details.Phone);
        Field(schema, "birthday", c => c.Details.Birthday);
        Field(schema, "gender", c => c.Details.Gender);
        Field(schema, "ageBand", c => c.Details.AgeBand);
        Field(schema, "incomeBand", c => c.Details.IncomeBand);
        Field(schema, "address", c => c.Details.Address);
        Field(schema, "sourceChannel", c => c.Details.SourceChannel);
        Field(schema, "tags", c => c.Details.Tags ?? []);
        Field(schema, "customFields", c => c.Details.CustomFields ?? new Dictionary<string, string>());
        Field(schema, "ownerId", c => c.Details.OwnerId);
        Field(schema, "lifecycleStage", c => c.Stage);
        Field(schema, "lifecycleHistory", c => c.StageHistory);
        Field(schema, "winBackCount", c => c.WinBacks);
        Field(schema, "valueTier", c => c.Insights.Tier);
        Field(schema, "rfm", c => c.Insights.Rfm);
        Field(schema, "totalSpend", c => c.Insights.TotalSpend);
        Field(schema, "openComplaints", c => c.Insights.OpenComplaints);
        Field(schema, "latestCsat", c => c.Insights.LatestCsat);
        Field(schema, "npsClass", c => c.Insights.NpsClass);
        Field(schema, "nextBestActions", c => c.Insights.NextBestActions);
        schema.AddResolver("Customer", "timeline", context =>
            (object?)Connection.FromList(Timeline.Of((CustomerView)context.Parent!), ConnectionArguments.From(context)));
        schema.AddResolver("InteractionCounters", "byChannel", context => (object?)Counts<Channel>(((InteractionCounters)context.Parent!).ByChannel)
            .Select(c => new { Channel = c.Key, Count = c.Value }).ToList());
        schema.AddResolver("InteractionCounters", "byKind", context => (object?)Counts<InteractionKind>(((InteractionCounters)context.Parent!).ByKind)
            .Select(c => new { Kind = c.Key, Count = c.Value }).ToList());
        return schema;
    }

    private static void Field(SchemaBuilder schema, string name, Func<CustomerView, object?> read) =>
        schema.AddResolver("Customer", name, context => read((CustomerView)context.Parent!));

    /// <summary>Every member of the enum, zero counts included, so clients see a fixed shape.</summary>
    private static IEnumerable<KeyValuePair<T, long>> Counts<T>(IReadOnlyDictionary<T, long> counts) where T : struct, Enum =>
        Enum.GetValues<T>().Select(v => KeyValuePair.Create(v, counts.GetValueOrDefault(v)));
}
