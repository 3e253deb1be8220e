using System.Collections.ObjectModel;
using System.Data.Common;
using System.Globalization;
using System.Text.Json;
using Crm.CustomerReadModel.Duplicates;

namespace Crm.CustomerReadModel.Listings;

/// <summary>
/// How a <see cref="CustomerListing"/> is stored, the same in both stores: times as UTC ticks (exact, and ordered as
/// integers), money as whole ten-thousandths, the birthday as yyyy-MM-dd with its month beside it, tags as a JSON
/// array, custom fields as a JSON object, and the derived keys that sorting (name_key) and duplicate matching (email_key, phone_key) use.
/// </summary>
internal static class ListingColumns
{
    /// <summary>The columns every read selects, in the order <see cref="Read"/> takes them.</summary>
    public const string Select =
        "tenant_id, customer_id, name, email, phone, country, region, city, stage, tier, tags, source_channel, birthday, " +
        "gender, age_band, income_band, total_spend_e4, order_count, interaction_count, last_interaction_at, " +
        "open_complaints, latest_csat, created_at, updated_at, version, custom_fields";

    /// <summary>The columns that hold JSON (PostgreSQL stores them as jsonb).</summary>
    public static readonly IReadOnlySet<string> Json = new HashSet<string> { "tags", "custom_fields" };

    /// <summary>Stored in last_interaction_at when there was none: before every real time, so it sorts first.</summary>
    public const long NoInteraction = -1;

    public static string NameKey(string name) => name.ToLowerInvariant();

    public static long Time(DateTimeOffset time) => time.UtcTicks;

    public static long Money(decimal amount)
    {
        var scaled = decimal.Round(amount * 10_000m, MidpointRounding.AwayFromZero);
        if (scaled is > long.MaxValue or < long.MinValue)
            throw new ArgumentOutOfRangeException(nameof(amount), amount, "TotalSpend is too large for the read model (at most about 922 trillion).");
        return (long)scaled;
    }

    public static string Tags(IReadOnlyList<string> tags) => JsonSerializer.Serialize(tags);

    public static string CustomFields(IReadOnlyDictionary<string, string> fields) => JsonSerializer.Serialize(fields);

    public static string? Birthday(DateOnly? birthday) => birthday?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    /// <summary>Every stored column, and how its value comes from a listing: the upserts write these.</summary>
    public static readonly IReadOnlyList<(string Name, Func<CustomerListing, object?> Value)> Written =
    [
        ("tenant_id", l => l.TenantId),
        ("customer_id", l => l.CustomerId),
        ("name", l => l.Name),
        ("name_key", l => NameKey(l.Name)),
        ("email", l => l.Email),
        ("email_key", l => DuplicateKeys.Email(l.Email)),
        ("phone", l => l.Phone),
        ("phone_key", l => DuplicateKeys.Phone(l.Phone)),
        ("country", l => l.Country),
        ("region", l => l.Region),
        ("city", l => l.City),
        ("stage", l => l.Stage),
        ("tier", l => l.Tier),
        ("tags", l => Tags(l.Tags)),
        ("source_channel", l => l.SourceChannel),
        ("birthday", l => Birthday(l.Birthday)),
        ("birthday_month", l => l.Birthday?.Month),
        ("gender", l => l.Gender),
        ("age_band", l => l.AgeBand),
        ("income_band", l => l.IncomeBand),
        ("total_spend_e4", l => Money(l.TotalSpend)),
        ("order_count", l => l.OrderCount),
        ("interaction_count", l => l.InteractionCount),
        ("last_interaction_at", l => l.LastInteractionAt is { } at ? Time(at) : NoInteraction),
        ("open_complaints", l => l.OpenComplaints),
        ("latest_csat", l => l.LatestCsat),
        ("created_at", l => Time(l.CreatedAt)),
        ("updated_at", l => Time(l.UpdatedAt)),
        ("version", l => l.Version),
        ("custom_fields", l => CustomFields(l.CustomFields)),
    ];

    public static CustomerListing Read(DbDataReader r) => new()
    {
        TenantId = r.GetString(0),
        CustomerId = r.GetString(1),
        Name = r.GetString(2),
        Email = Text(r, 3),
        Phone = Text(r, 4),
        Country = Text(r, 5),
        Region = Text(r, 6),
        City = Text(r, 7),
        Stage = r.GetString(8),
        Tier = r.GetString(9),
        Tags = JsonSerializer.Deserialize<string[]>(r.GetString(10)) ?? [],
        SourceChannel = Text(r, 11),
        Birthday = Text(r, 12) is { } birthday ? DateOnly.ParseExact(birthday, "yyyy-MM-dd", CultureInfo.InvariantCulture) : null,
        Gender = Text(r, 13),
        AgeBand = Text(r, 14),
        IncomeBand = Text(r, 15),
        TotalSpend = r.GetInt64(16) / 10_000m,
        OrderCount = r.GetInt32(17),
        InteractionCount = r.GetInt64(18),
        LastInteractionAt = r.GetInt64(19) is var at && at != NoInteraction ? new DateTimeOffset(at, TimeSpan.Zero) : null,
        OpenComplaints = r.GetInt32(20),
        LatestCsat = r.IsDBNull(21) ? null : r.GetInt32(21),
        CreatedAt = new DateTimeOffset(r.GetInt64(22), TimeSpan.Zero),
        UpdatedAt = new DateTimeOffset(r.GetInt64(23), TimeSpan.Zero),
        Version = r.GetInt64(24),
        CustomFields = JsonSerializer.Deserialize<Dictionary<string, string>>(r.GetString(25)) is { Count: > 0 } fields
            ? fields
            : ReadOnlyDictionary<string, string>.Empty,
    };

    private static string? Text(DbDataReader r, int ordinal) => r.IsDBNull(ordinal) ? null : r.GetString(ordinal);
}
