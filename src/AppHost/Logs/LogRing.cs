namespace Crm.AppHost.Logs;

/// <summary>The most recent lines of one child's output, kept in memory so a crash can be reported with them.</summary>
public sealed class LogRing(int capacity)
{
    private readonly string[] _lines = new string[capacity > 0 ? capacity : throw new ArgumentOutOfRangeException(nameof(capacity), "a log ring needs room for at least one line")];
    private readonly Lock _gate = new();
    private long _written;

    public int Capacity => _lines.Length;

    public void Add(string line)
    {
        lock (_gate)
        {
            _lines[_written % _lines.Length] = line;
            _written++;
        }
    }

    /// <summary>The last <paramref name="count"/> lines (or fewer if fewer were written), oldest first.</summary>
    public IReadOnlyList<string> Last(int count)
    {
        lock (_gate)
        {
            var available = (int)Math.Min(Math.Min(count, _written), _lines.Length);
            var result = new string[available];
            for (var i = 0; i < available; i++)
                result[i] = _lines[(_written - available + i) % _lines.Length];
            return result;
        }
    }
}
