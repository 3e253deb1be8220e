namespace Crm.CustomerCsv.Import;

/// <summary>
/// Which column of a file holds which customer field. By default a column whose header is a field's name (compared
/// case-insensitively) holds that field, and a column headed <c>custom.X</c> holds the custom field X. A mapping such
/// as <c>name=Full Name,email=E-Mail,custom.vip=VIP?</c> names other headers for some fields; the rest keep the
/// default.
/// </summary>
public sealed class ColumnMapping
{
    public const string CustomPrefix = "custom.";

    /// <summary>The customer fields a column can hold, besides custom fields.</summary>
    public static IReadOnlyList<string> Fields { get; } =
    [
        "name", "email", "phone", "birthday", "gender", "ageBand", "incomeBand", "country", "region", "city", "line",
        "postalCode", "sourceChannel", "tags",
    ];

    public static ColumnMapping Default { get; } = new(new Dictionary<string, string>());

    private readonly IReadOnlyDictionary<string, string> _headerOfField;

    private ColumnMapping(IReadOnlyDictionary<string, string> headerOfField) => _headerOfField = headerOfField;

    /// <summary>Reads "field=Header,field=Header"; null or blank gives the default.</summary>
    public static ColumnMapping Parse(string? text)
    {
        if (string.IsNullOrWhiteSpace(text))
            return Default;
        var headerOfField = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        foreach (var entry in text.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            var at = entry.IndexOf('=');
            if (at <= 0 || at == entry.Length - 1)
                throw new CsvMappingException($"'{entry}' is not a column mapping entry: write field=Header, such as email=E-Mail.");
            var field = Canonical(entry[..at].Trim())
                ?? throw new CsvMappingException($"'{entry[..at].Trim()}' is not a customer field: map one of {string.Join(", ", Fields)} or custom.X.");
            if (!headerOfField.TryAdd(field, entry[(at + 1)..].Trim()))
                throw new CsvMappingException($"The field '{field}' is mapped twice.");
        }
        return new ColumnMapping(headerOfField);
    }

    /// <summary>The field each column holds (null: the column is not imported), for a file with these headers.</summary>
    public string?[] Resolve(IReadOnlyList<string> headers)
    {
        var fieldOfColumn = new string?[headers.Count];
        var columnOfHeader = new Dictionary<string, int>(StringComparer.OrdinalIgnoreCase);
        for (var i = 0; i < headers.Count; i++)
            columnOfHeader.TryAdd(headers[i].Trim(), i);

        foreach (var (field, header) in _headerOfField)
        {
            if (!columnOfHeader.TryGetValue(header, out var column))
                throw new CsvMappingException($"The mapping takes '{field}' from the column '{header}', but the file has no such column; its columns are: {string.Join(", ", headers)}.");
            fieldOfColumn[column] = field;
        }
        var mapped = new HashSet<string>(_headerOfField.Keys, StringComparer.OrdinalIgnoreCase);
        for (var i = 0; i < headers.Count; i++)
            if (fieldOfColumn[i] is null && Canonical(headers[i].Trim()) is { } field && !_headerOfField.Values.Contains(headers[i].Trim(), StringComparer.OrdinalIgnoreCase) && mapped.Add(field))
                fieldOfColumn[i] = field;

        if (!fieldOfColumn.Contains("name"))
            throw new CsvMappingException($"The file has no column for the customer's name: head one 'name', or map it (name=Your Header). Its columns are: {string.Join(", ", headers)}.");
        return fieldOfColumn;
    }

    /// <summary>The field's name as written in <see cref="Fields"/>, "custom.X" as it is, or null for anything else.</summary>
    private static string? Canonical(string field)
    {
        if (field.StartsWith(CustomPrefix, StringComparison.OrdinalIgnoreCase) && field.Length > CustomPrefix.Length)
            return CustomPrefix + field[CustomPrefix.Length..];
        return Fields.FirstOrDefault(f => f.Equals(field, StringComparison.OrdinalIgnoreCase));
    }
}

/// <summary>The column mapping does not fit the file (or is not a mapping); nothing was imported.</summary>
public sealed class CsvMappingException(string message) : Exception(message);
