using System.Globalization;
using System.Runtime.CompilerServices;
using Crm.Contracts.Customers;
using Crm.Contracts.Imports;
using Sylvan.Data.Csv;

namespace Crm.CustomerCsv.Import;

/// <summary>
/// Reads a customer file as it arrives, one row at a time (never the whole file), into <see cref="ImportRow"/>s
/// numbered from 1 after the header. Cells are only put into shape here (a date, a channel, tags split at ';');
/// the customer grain's standardization decides whether they are valid.
/// </summary>
public static class CustomerCsvReader
{
    // Headers are matched by the mapping, so the reader keeps them as they are; a row may have fewer cells than the
    // header (its missing cells are blank).
    private static readonly CsvDataReaderOptions Options = new() { HasHeaders = true, HeaderComparer = StringComparer.OrdinalIgnoreCase };

    public static async IAsyncEnumerable<ImportRow> ReadAsync(
        TextReader text, ColumnMapping mapping, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        await using var csv = await CsvDataReader.CreateAsync(text, Options, cancellationToken);
        var headers = new string[csv.FieldCount];
        for (var i = 0; i < headers.Length; i++)
            headers[i] = csv.GetName(i);
        var fields = mapping.Resolve(headers);
        long number = 0;
        while (await csv.ReadAsync(cancellationToken))
        {
            cancellationToken.ThrowIfCancellationRequested();
            number++;
            yield return ToRow(number, csv, fields);
        }
    }

    /// <summary>Reads every row and discards it: the bare parse, the import benchmark's baseline.</summary>
    public static async Task<long> CountRowsAsync(TextReader text, CancellationToken cancellationToken = default)
    {
        long rows = 0;
        await foreach (var _ in ReadAsync(text, ColumnMapping.Default, cancellationToken))
            rows++;
        return rows;
    }

    private static ImportRow ToRow(long number, CsvDataReader cells, string?[] fields)
    {
        string? name = null, email = null, phone = null, gender = null, ageBand = null, incomeBand = null;
        string? country = null, region = null, city = null, line = null, postalCode = null;
        DateOnly? birthday = null;
        Channel? channel = null;
        List<string>? tags = null;
        Dictionary<string, string>? custom = null;
        for (var i = 0; i < fields.Length && i < cells.RowFieldCount; i++)
        {
            if (fields[i] is not { } field)
                continue;
            var cell = cells.GetString(i);
            if (string.IsNullOrWhiteSpace(cell))
                continue;
            switch (field)
            {
                case "name": name = cell; break;
                case "email": email = cell; break;
                case "phone": phone = cell; break;
                case "gender": gender = cell; break;
                case "ageBand": ageBand = cell; break;
                case "incomeBand": incomeBand = cell; break;
                case "country": country = cell; break;
                case "region": region = cell; break;
                case "city": city = cell; break;
                case "line": line = cell; break;
                case "postalCode": postalCode = cell; break;
                case "tags": tags = [.. cell.Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)]; break;
                case "birthday":
                    if (!DateOnly.TryParseExact(cell.Trim(), "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var day))
                        return Failed(number, "birthday", $"'{cell}' is not a date: write it as yyyy-MM-dd, such as 1990-04-30.");
                    birthday = day;
                    break;
                case "sourceChannel":
                    if (!Enum.TryParse<Channel>(cell.Trim(), ignoreCase: true, out var parsed) || !Enum.IsDefined(parsed))
                        return Failed(number, "sourceChannel", $"'{cell}' is not a channel: use one of {string.Join(", ", Enum.GetNames<Channel>().Select(n => n.ToUpperInvariant()))}.");
                    channel = parsed;
                    break;
                default: // custom.X
                    (custom ??= new(StringComparer.Ordinal))[field[ColumnMapping.CustomPrefix.Length..]] = cell;
                    break;
            }
        }
        var address = (country ?? region ?? city ?? line ?? postalCode) is null ? null : new PostalAddress(country, region, city, line, postalCode);
        return new ImportRow(number, new CustomerDetails(name ?? "", email, phone, birthday, gender, ageBand, incomeBand, address, channel, tags, custom));
    }

    private static ImportRow Failed(long number, string field, string message) => new(number, null, new ImportRowError(number, field, message));
}
