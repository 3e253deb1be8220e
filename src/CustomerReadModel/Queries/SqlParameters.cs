namespace Crm.CustomerReadModel.Queries;

/// <summary>The values of one statement, named @p0, @p1 ... as the SQL text is built: no value is ever spliced into it.</summary>
internal sealed class SqlParameters
{
    private readonly List<(string Name, object? Value)> _values = [];

    public IReadOnlyList<(string Name, object? Value)> Values => _values;

    /// <summary>Adds the value and gives the placeholder to write in its place.</summary>
    public string Add(object? value)
    {
        var name = "@p" + _values.Count.ToString(System.Globalization.CultureInfo.InvariantCulture);
        _values.Add((name, value));
        return name;
    }

    public string AddList(IEnumerable<object> values) => string.Join(", ", values.Select(Add));
}
