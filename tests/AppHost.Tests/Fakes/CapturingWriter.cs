using System.Text;

namespace AppHost.Tests.Fakes;

/// <summary>
/// A console stand-in that records lines and lets a test await a line, so tests wait on the event itself rather
/// than sleeping and hoping.
/// </summary>
public sealed class CapturingWriter : TextWriter
{
    private readonly Lock _gate = new();
    private readonly List<string> _lines = [];
    private readonly List<(Func<string, bool> Match, TaskCompletionSource<string> Found)> _waiters = [];
    private readonly StringBuilder _current = new();

    public override Encoding Encoding => Encoding.UTF8;

    public IReadOnlyList<string> Lines
    {
        get
        {
            lock (_gate)
                return _lines.ToArray();
        }
    }

    public string Text => string.Join('\n', Lines);

    public override void Write(char value)
    {
        lock (_gate)
        {
            if (value == '\n')
            {
                var line = _current.ToString().TrimEnd('\r');
                _current.Clear();
                _lines.Add(line);
                foreach (var waiter in _waiters.Where(w => w.Match(line)).ToArray())
                {
                    _waiters.Remove(waiter);
                    waiter.Found.TrySetResult(line);
                }
            }
            else
            {
                _current.Append(value);
            }
        }
    }

    public Task<string> WaitForLineAsync(Func<string, bool> match, TimeSpan timeout)
    {
        var found = new TaskCompletionSource<string>(TaskCreationOptions.RunContinuationsAsynchronously);
        lock (_gate)
        {
            var existing = _lines.FirstOrDefault(match);
            if (existing is not null)
                return Task.FromResult(existing);
            _waiters.Add((match, found));
        }

        return WithTimeout(found.Task, timeout);
    }

    public Task<string> WaitForLineAsync(string contains, TimeSpan timeout) =>
        WaitForLineAsync(l => l.Contains(contains, StringComparison.Ordinal), timeout);

    private async Task<string> WithTimeout(Task<string> task, TimeSpan timeout)
    {
        try
        {
            return await task.WaitAsync(timeout);
        }
        catch (TimeoutException)
        {
            throw new TimeoutException($"no matching line within {timeout.TotalSeconds} s; captured:\n{Text}");
        }
    }
}
