using System.Globalization;
using System.Net.Mail;
using GraphQL.Engine.Language;

namespace GraphQL.Engine.Types.Scalars;

/// <summary>
/// Scalars a schema gets by declaring them in SDL (<c>scalar DateTime</c>): the engine supplies the coercion
/// by name. Each carries a <c>@specifiedBy</c> URL so clients know the format.
/// </summary>
public static class ExtendedScalars
{
    public static ScalarType DateTime { get; } = new TextScalar<DateTimeOffset>(
        "DateTime", "An instant with offset, RFC 3339 (for example 2024-01-31T13:45:00Z).", "https://scalars.graphql.org/andimarek/date-time",
        text => System.DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.RoundtripKind, out var v) && text.Contains('T') ? v : null,
        value => value switch
        {
            DateTimeOffset o => FormatInstant(o),
            System.DateTime d => FormatInstant(new DateTimeOffset(d.Kind == DateTimeKind.Unspecified ? System.DateTime.SpecifyKind(d, DateTimeKind.Utc) : d)),
            _ => null,
        });

    public static ScalarType Date { get; } = new TextScalar<DateOnly>(
        "Date", "A calendar date, RFC 3339 full-date (for example 2024-01-31).", "https://scalars.graphql.org/andimarek/local-date",
        text => DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var v) ? v : null,
        value => value switch
        {
            DateOnly d => d.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
            System.DateTime d => d.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
            _ => null,
        });

    public static ScalarType Email { get; } = new TextScalar<string>(
        "Email", "An e-mail address (RFC 5322 addr-spec).", "https://www.rfc-editor.org/rfc/rfc5322#section-3.4.1",
        text => MailAddress.TryCreate(text, out var address) && address.Address == text ? text : null,
        value => value as string);

    public static ScalarType Url { get; } = new TextScalar<Uri>(
        "Url", "An absolute URL (RFC 3986).", "https://www.rfc-editor.org/rfc/rfc3986",
        text => ParseAbsoluteUrl(text),
        value => value switch
        {
            Uri uri => uri.AbsoluteUri,
            string s when ParseAbsoluteUrl(s) is { } uri => uri.AbsoluteUri,
            _ => null,
        });

    /// <summary>An absolute URL with its scheme written out: on Unix, .NET would otherwise read "/path" as file:///path.</summary>
    private static Uri? ParseAbsoluteUrl(string text) =>
        Uri.TryCreate(text, UriKind.Absolute, out var uri) && text.StartsWith(uri.Scheme + ":", StringComparison.OrdinalIgnoreCase) ? uri : null;

    /// <summary>RFC 3339 with "Z" for UTC, as JavaScript's Date.toISOString and most clients expect.</summary>
    private static string FormatInstant(DateTimeOffset value) => value.Offset == TimeSpan.Zero
        ? value.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.FFFFFFF'Z'", CultureInfo.InvariantCulture)
        : value.ToString("yyyy-MM-dd'T'HH:mm:ss.FFFFFFFzzz", CultureInfo.InvariantCulture);

    public static ScalarType Decimal { get; } = new DecimalScalar();

    public static ScalarType Json { get; } = new JsonScalar();

    public static IReadOnlyList<ScalarType> All { get; } = [DateTime, Date, Decimal, Email, Url, Json];

    /// <summary>A scalar carried as a string on the wire and parsed into a CLR value.</summary>
    private sealed class TextScalar<T>(string name, string description, string specifiedBy, Func<string, object?> parse, Func<object, string?> format)
        : ScalarType(name, description, specifiedBy)
    {
        public override object Serialize(object value) =>
            format(value) ?? (value is string s && parse(s) is not null ? s : throw Invalid(BuiltInScalars.Show(value)));

        public override object ParseValue(object value) =>
            value is string s && parse(s) is { } parsed ? parsed : throw Invalid(BuiltInScalars.Show(value));

        public override object ParseLiteral(ValueNode literal) =>
            literal is StringValueNode s && parse(s.Value) is { } parsed ? parsed : throw Invalid(BuiltInScalars.Show(literal));

        private CoercionException Invalid(string shown) => new($"{Name} cannot represent value {shown}: expected {Description}");

        public override string ToString() => $"{Name} ({typeof(T).Name})";
    }

    /// <summary>Exact decimal numbers: accepted as JSON numbers or strings, returned as strings so no precision is lost in JS clients.</summary>
    private sealed class DecimalScalar() : ScalarType("Decimal", "An exact decimal number, serialized as a string (for example \"12.50\").", "https://learn.microsoft.com/dotnet/api/system.decimal")
    {
        public override object Serialize(object value) => value switch
        {
            decimal d => d.ToString(CultureInfo.InvariantCulture),
            _ when BuiltInScalars.IsNumber(value) => Convert.ToDecimal(value, CultureInfo.InvariantCulture).ToString(CultureInfo.InvariantCulture),
            string s when decimal.TryParse(s, NumberStyles.Float, CultureInfo.InvariantCulture, out _) => s,
            _ => throw new CoercionException($"Decimal cannot represent value: {BuiltInScalars.Show(value)}"),
        };

        public override object ParseValue(object value) => value switch
        {
            string s when decimal.TryParse(s, NumberStyles.Float, CultureInfo.InvariantCulture, out var d) => d,
            _ when BuiltInScalars.IsNumber(value) => Convert.ToDecimal(value, CultureInfo.InvariantCulture),
            _ => throw new CoercionException($"Decimal cannot represent value: {BuiltInScalars.Show(value)}"),
        };

        public override object ParseLiteral(ValueNode literal) => literal switch
        {
            IntValueNode i => decimal.Parse(i.Value, NumberStyles.Float, CultureInfo.InvariantCulture),
            FloatValueNode f => decimal.Parse(f.Value, NumberStyles.Float, CultureInfo.InvariantCulture),
            StringValueNode s when decimal.TryParse(s.Value, NumberStyles.Float, CultureInfo.InvariantCulture, out var d) => d,
            _ => throw new CoercionException($"Decimal cannot represent value: {BuiltInScalars.Show(literal)}"),
        };
    }

    /// <summary>Arbitrary JSON: values pass through; literals become maps, lists and primitives.</summary>
    private sealed class JsonScalar() : ScalarType("JSON", "Any JSON value.", "https://www.rfc-editor.org/rfc/rfc8259")
    {
        public override object Serialize(object value) => value;

        public override object ParseValue(object value) => value;

        public override object ParseLiteral(ValueNode literal) => FromLiteral(literal) ?? throw new CoercionException("JSON literal must not be null here.");

        private static object? FromLiteral(ValueNode literal) => literal switch
        {
            StringValueNode s => s.Value,
            BooleanValueNode b => b.Value,
            IntValueNode i => long.Parse(i.Value, CultureInfo.InvariantCulture),
            FloatValueNode f => double.Parse(f.Value, CultureInfo.InvariantCulture),
            NullValueNode => null,
            EnumValueNode e => e.Value,
            ListValueNode l => l.Values.Select(FromLiteral).ToList(),
            ObjectValueNode o => ToMap(o),
            _ => throw new CoercionException($"JSON cannot represent {BuiltInScalars.Show(literal)}: variables are not allowed inside JSON literals."),
        };

        // Duplicate keys are a validation error elsewhere (UniqueInputFieldNames); here the last one wins, as in JSON.
        private static Dictionary<string, object?> ToMap(ObjectValueNode node)
        {
            var map = new Dictionary<string, object?>(StringComparer.Ordinal);
            foreach (var field in node.Fields)
                map[field.Name.Value] = FromLiteral(field.Value);
            return map;
        }
    }
}
