using Crm.CustomerReadModel.Listings;

namespace Crm.CustomerReadModel.Tests.Contract;

/// <summary>Listings for the tests: one with defaults to override, and a varied set with ties on every sort key.</summary>
internal static class Samples
{
    public static readonly DateTimeOffset Epoch = new(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);

    public static readonly string[] Stages = ["AWARENESS", "ACQUISITION", "CONSOLIDATION", "MATURITY", "DECLINE", "CHURNED"];

    public static CustomerListing One(string tenantId, string customerId, string name = "Ada Lovelace", long version = 1) => new()
    {
        TenantId = tenantId,
        CustomerId = customerId,
        Name = name,
        Stage = "AWARENESS",
        Tier = "C",
        CreatedAt = Epoch,
        UpdatedAt = Epoch,
        Version = version,
    };

    /// <summary>A listing with every field set.</summary>
    public static CustomerListing Full(string tenantId, string customerId) => One(tenantId, customerId) with
    {
        Email = "ada@example.com",
        Phone = "+14155550100",
        Country = "GB",
        Region = "London",
        City = "London",
        Stage = "MATURITY",
        Tier = "A",
        Tags = ["vip", "math"],
        SourceChannel = "WEB",
        Birthday = new DateOnly(1815, 12, 10),
        Gender = "F",
        AgeBand = "35-44",
        IncomeBand = "HIGH",
        TotalSpend = 1234.5m,
        OrderCount = 7,
        InteractionCount = 42,
        LastInteractionAt = Epoch.AddDays(3).AddMilliseconds(123),
        OpenComplaints = 1,
        LatestCsat = 4,
        CustomFields = new Dictionary<string, string> { ["plan"] = "gold", ["renewal"] = "2026-09-30" },
        CreatedAt = Epoch.AddHours(1),
        UpdatedAt = Epoch.AddHours(2),
        Version = 9,
    };

    /// <summary>
    /// <paramref name="count"/> customers whose values repeat (so every sort has ties broken by id) and cover every filter.
    /// </summary>
    public static IReadOnlyList<CustomerListing> Varied(string tenantId, int count)
    {
        var random = new Random(11);
        string[] first = ["Ada", "Grace", "alan", "Edsger", "Barbara", "Ken", "Margaret", "Linus"];
        string[] countries = ["GB", "US", "FR"];
        string[] cities = ["London", "Paris", "Boston", "Leeds"];
        string[] tags = ["vip", "newsletter", "b2b", "churn-risk"];
        string[] channels = ["WEB", "STORE", "SOCIAL"];
        return Enumerable.Range(0, count).Select(i => One(tenantId, $"c{i:D3}", $"{first[random.Next(first.Length)]} {(char)('A' + random.Next(4))}") with
        {
            Email = random.Next(4) == 0 ? null : $"user{i}@example.com",
            Phone = random.Next(3) == 0 ? null : $"+1415555{i:D4}",
            Country = countries[random.Next(countries.Length)],
            Region = random.Next(2) == 0 ? "North" : "South",
            City = random.Next(5) == 0 ? null : cities[random.Next(cities.Length)],
            Stage = Stages[random.Next(Stages.Length)],
            Tier = ((char)('A' + random.Next(3))).ToString(),
            Tags = tags.Where(_ => random.Next(3) == 0).ToArray(),
            SourceChannel = channels[random.Next(channels.Length)],
            Birthday = random.Next(4) == 0 ? null : new DateOnly(1960 + random.Next(40), 1 + random.Next(12), 1 + random.Next(28)),
            Gender = random.Next(2) == 0 ? "F" : "M",
            AgeBand = random.Next(2) == 0 ? "25-34" : "35-44",
            IncomeBand = random.Next(2) == 0 ? "LOW" : "HIGH",
            TotalSpend = random.Next(6) * 50.25m,
            OrderCount = random.Next(5),
            InteractionCount = random.Next(100),
            LastInteractionAt = random.Next(4) == 0 ? null : Epoch.AddDays(random.Next(10)),
            OpenComplaints = random.Next(4) == 0 ? random.Next(1, 3) : 0,
            LatestCsat = random.Next(3) == 0 ? null : random.Next(1, 6),
            CreatedAt = Epoch.AddDays(random.Next(8)),
            UpdatedAt = Epoch.AddDays(random.Next(8)).AddMinutes(random.Next(3)),
            // Keys a JSON path would read as syntax are only ever names.
            CustomFields = (i % 4) switch
            {
                0 => new Dictionary<string, string> { ["plan"] = "gold", ["it's \"odd\".$[0]"] = "yes" },
                1 => new Dictionary<string, string> { ["plan"] = "gold" },
                2 => new Dictionary<string, string> { ["plan"] = "silver", ["it's \"odd\".$[0]"] = "yes" },
                _ => (IReadOnlyDictionary<string, string>)new Dictionary<string, string>(),
            },
        }).ToList();
    }
}
