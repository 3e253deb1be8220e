using System.Buffers.Text;
using System.Text.Json;
using Crm.CustomerReadModel.Listings;

namespace Crm.CustomerReadModel.Queries;

/// <summary>
/// Where a page ended: the sort it was made for, and the last row's sort key and customer id. The next page starts
/// strictly after that (key, id) pair, so rows never repeat or go missing between pages, and no OFFSET is ever read.
/// Opaque to callers: base64url of a small JSON document.
/// </summary>
internal sealed record KeysetCursor(SortField Field, SortDirection Direction, string? TextKey, long NumberKey, string CustomerId)
{
    public static KeysetCursor After(CustomerListing last, CustomerSort sort) => sort.Field switch
    {
        SortField.Name => new(sort.Field, sort.Direction, ListingColumns.NameKey(last.Name), 0, last.CustomerId),
        _ => new(sort.Field, sort.Direction, null, KeyOf(last, sort.Field), last.CustomerId),
    };

    /// <summary>The sort key as a statement parameter's value.</summary>
    public object Key => Field == SortField.Name ? TextKey! : NumberKey;

    public string Encode() => Base64Url.EncodeToString(JsonSerializer.SerializeToUtf8Bytes(this));

    public static KeysetCursor Decode(string cursor, CustomerSort sort)
    {
        KeysetCursor? decoded;
        try
        {
            decoded = JsonSerializer.Deserialize<KeysetCursor>(Base64Url.DecodeFromChars(cursor));
        }
        catch (Exception e) when (e is FormatException or JsonException)
        {
            throw new ArgumentException($"The cursor \"{cursor}\" is not one this read model gave: pass a page's EndCursor unchanged, or none for the first page.", nameof(cursor), e);
        }
        if (decoded is null || decoded.CustomerId is null || (decoded.Field == SortField.Name && decoded.TextKey is null))
            throw new ArgumentException($"The cursor \"{cursor}\" is not one this read model gave: pass a page's EndCursor unchanged, or none for the first page.", nameof(cursor));
        if (decoded.Field != sort.Field || decoded.Direction != sort.Direction)
            throw new ArgumentException(
                $"The cursor was made for the sort {decoded.Field} {decoded.Direction}, but this query sorts by {sort.Field} {sort.Direction}: " +
                "start again from the first page when the sort changes.", nameof(cursor));
        return decoded;
    }

    private static long KeyOf(CustomerListing l, SortField field) => field switch
    {
        SortField.CreatedAt => ListingColumns.Time(l.CreatedAt),
        SortField.UpdatedAt => ListingColumns.Time(l.UpdatedAt),
        SortField.TotalSpend => ListingColumns.Money(l.TotalSpend),
        SortField.LastInteractionAt => l.LastInteractionAt is { } at ? ListingColumns.Time(at) : ListingColumns.NoInteraction,
        SortField.OrderCount => l.OrderCount,
        _ => throw new ArgumentOutOfRangeException(nameof(field), field, "unknown sort field"),
    };
}

/// <summary>The cursor that continues a listing after <c>listing</c>, for a connection's per-edge cursors.</summary>
public static class CustomerCursor
{
    public static string After(CustomerListing listing, CustomerSort sort) => KeysetCursor.After(listing, sort).Encode();
}
