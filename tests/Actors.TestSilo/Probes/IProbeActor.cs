using Actors;

namespace ActorProbes;

/// <summary>An actor with a customer-sized state, used to measure and to torture the runtime from outside.</summary>
public interface IProbeActor : IActor
{
    /// <summary>No state touched: measures the call path alone.</summary>
    Task<int> PingAsync(int value);

    /// <summary>Appends a sequence number and completes only when it is durable.</summary>
    Task<int> WriteAsync(int sequence);

    [ReadOnly]
    Task<ProbeState> ReadAsync();
}

/// <summary>About the size of a CRM customer's profile and counters.</summary>
public sealed class ProbeState
{
    public string Name { get; set; } = "";

    public string Email { get; set; } = "";

    public string Phone { get; set; } = "";

    public string Company { get; set; } = "";

    public string Street { get; set; } = "";

    public string City { get; set; } = "";

    public string Country { get; set; } = "";

    public string Stage { get; set; } = "lead";

    public List<string> Tags { get; set; } = [];

    public int Visits { get; set; }

    public int Orders { get; set; }

    public int LastSequence { get; set; }

    public List<int> Sequences { get; set; } = [];

    public DateTimeOffset CreatedAt { get; set; }

    /// <summary>A filled-in instance, for seeding stores.</summary>
    public static ProbeState Sample(int i) => new()
    {
        Name = $"Customer {i:D7}",
        Email = $"customer{i}@example.com",
        Phone = "+1 555 010 " + (i % 10000).ToString("D4", System.Globalization.CultureInfo.InvariantCulture),
        Company = "Example Trading Ltd",
        Street = "42 Long Street",
        City = "Springfield",
        Country = "US",
        Tags = ["newsletter", "vip"],
        Visits = i % 17,
        CreatedAt = DateTimeOffset.UnixEpoch.AddDays(i % 5000),
    };
}
