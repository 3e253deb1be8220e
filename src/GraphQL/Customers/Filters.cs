using Crm.CustomerReadModel.Queries;

namespace Crm.GraphQL.Customers;

/// <summary>The GraphQL <c>CustomerFilterInput</c> as the read model's filter.</summary>
public static class Filters
{
    public static CustomerFilter From(IReadOnlyDictionary<string, object?>? where)
    {
        if (where is null)
            return CustomerFilter.All;
        var input = new CustomerInputs(where);
        return new CustomerFilter
        {
            Stages = input.Strings("stages"),
            Tiers = input.Strings("tiers"),
            TagsAny = input.Strings("tagsAny")?.Select(t => t.Trim().ToLowerInvariant()).ToList(),
            Country = input.String("country")?.Trim().ToUpperInvariant(),
            Region = input.String("region"),
            City = input.String("city"),
            SourceChannel = input.String("sourceChannel"),
            Gender = input.String("gender")?.Trim().ToUpperInvariant(),
            AgeBand = input.String("ageBand"),
            IncomeBand = input.String("incomeBand"),
            MinTotalSpend = input.Has("minTotalSpend") ? input.Decimal("minTotalSpend") : null,
            MaxTotalSpend = input.Has("maxTotalSpend") ? input.Decimal("maxTotalSpend") : null,
            MinOrderCount = input.Int("minOrderCount"),
            MaxOrderCount = input.Int("maxOrderCount"),
            LastInteractionBefore = input.Instant("lastInteractionBefore"),
            LastInteractionAfter = input.Instant("lastInteractionAfter"),
            CreatedBefore = input.Instant("createdBefore"),
            CreatedAfter = input.Instant("createdAfter"),
            HasOpenComplaints = where.GetValueOrDefault("hasOpenComplaints") as bool?,
            BirthdayMonth = input.Int("birthdayMonth"),
            CustomFields = input.CustomFields("customFields"),
        };
    }
}
