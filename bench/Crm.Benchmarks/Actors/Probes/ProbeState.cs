using System.Globalization;

namespace Crm.Benchmarks.Actors.Probes;

/// <summary>
/// About the size of a CRM customer's profile and counters; the same fields and sample values the old runtime's
/// probe actor had, so the two suites measure the same state.
/// </summary>
[GenerateSerializer, Alias("crm.bench.ProbeState")]
public sealed class ProbeState
{
    [Id(0)] public string Name { get; set; } = "";
    [Id(1)] public string Email { get; set; } = "";
    [Id(2)] public string Phone { get; set; } = "";
    [Id(3)] public string Company { get; set; } = "";
    [Id(4)] public string Street { get; set; } = "";
    [Id(5)] public string City { get; set; } = "";
    [Id(6)] public string Country { get; set; } = "";
    [Id(7)] public string Stage { get; set; } = "lead";
    [Id(8)] public List<string> Tags { get; set; } = [];
    [Id(9)] public int Visits { get; set; }
    [Id(10)] public int Orders { get; set; }
    [Id(11)] public int LastSequence { get; set; }
    [Id(12)] public List<int> Sequences { get; set; } = [];
    [Id(13)] public DateTimeOffset CreatedAt { get; set; }

    /// <summary>A filled-in instance, for seeding stores.</summary>
    public static ProbeState Sample(int i) => new()
    {
        Name = $"Customer {i:D7}",
        Email = $"customer{i}@example.com",
        Phone = "+1 555 010 " + (i % 10000).ToString("D4", CultureInfo.InvariantCulture),
        Company = "Example Trading Ltd",
        Street = "42 Long Street",
        City = "Springfield",
        Country = "US",
        Tags = ["newsletter", "vip"],
        Visits = i % 17,
        CreatedAt = DateTimeOffset.UnixEpoch.AddDays(i % 5000),
    };
}
