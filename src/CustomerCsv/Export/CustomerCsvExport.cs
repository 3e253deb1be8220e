using System.Globalization;
using System.Runtime.CompilerServices;
using Crm.CustomerReadModel;
using Crm.CustomerReadModel.Listings;
using Crm.CustomerReadModel.Queries;
using Sylvan.Data.Csv;

namespace Crm.CustomerCsv.Export;

/// <summary>
/// Writes a tenant's filtered customers as CSV while it pages through the read model (keyset cursors, a page at a
/// time), so a list of any length streams in constant memory. The columns are the listing's fields; the header uses
/// the import's names, so an exported file imports again as it is.
/// </summary>
public static class CustomerCsvExport
{
    public static IReadOnlyList<string> Columns { get; } =
    [
        "id", "name", "email", "phone", "birthday", "gender", "ageBand", "incomeBand", "country", "region", "city",
        "sourceChannel", "tags", "stage", "tier", "totalSpend", "orderCount", "interactionCount", "lastInteractionAt",
        "openComplaints", "latestCsat", "createdAt", "updatedAt",
    ];

    /// <summary>Writes every match to <paramref name="output"/> and flushes it (it stays open); answers how many rows were written.</summary>
    public static async Task<long> WriteAsync(
        ICustomerReadModel readModel, string tenantId, CustomerFilter filter, CustomerSort sort, TextWriter output,
        CancellationToken cancellationToken = default)
    {
        long written = 0;
        await using var rows = Rows(readModel, tenantId, filter, sort, () => written++, cancellationToken).GetAsyncEnumerator(cancellationToken);
        await using var reader = new ListingRowsReader(Columns, rows);
        // Not disposed: disposing it would close the output, and with a synchronous flush, which a response refuses.
        var csv = CsvDataWriter.Create(output);
        await csv.WriteAsync(reader, cancellationToken);
        await output.FlushAsync(cancellationToken);
        return written;
    }

    private static async IAsyncEnumerable<string?[]> Rows(
        ICustomerReadModel readModel, string tenantId, CustomerFilter filter, CustomerSort sort, Action counted,
        [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var query = new CustomerQuery { TenantId = tenantId, Filter = filter, Sort = sort, First = CustomerQuery.MaxPageSize };
        await foreach (var page in readModel.PagesAsync(query, cancellationToken))
            foreach (var listing in page)
            {
                counted();
                yield return Cells(listing);
            }
    }

    private static string?[] Cells(CustomerListing l) =>
    [
        l.CustomerId, l.Name, l.Email, l.Phone, l.Birthday?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), l.Gender,
        l.AgeBand, l.IncomeBand, l.Country, l.Region, l.City, l.SourceChannel, string.Join(';', l.Tags), l.Stage, l.Tier,
        l.TotalSpend.ToString(CultureInfo.InvariantCulture), Number(l.OrderCount), Number(l.InteractionCount),
        l.LastInteractionAt?.ToString("O", CultureInfo.InvariantCulture), Number(l.OpenComplaints),
        l.LatestCsat is { } csat ? Number(csat) : null, l.CreatedAt.ToString("O", CultureInfo.InvariantCulture),
        l.UpdatedAt.ToString("O", CultureInfo.InvariantCulture),
    ];

    private static string Number(long value) => value.ToString(CultureInfo.InvariantCulture);
}
