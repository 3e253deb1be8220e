using System.Collections.Concurrent;
using System.Text.RegularExpressions;
using Microsoft.Extensions.Logging;

namespace AppHost.Tests.Running;

/// <summary>
/// The recent console output of each resource, which Aspire.Hosting.Testing forwards to the test host's loggers
/// (category <c>{AppHost}.Resources.{resource}</c>). A failing test quotes the failures from it: the processes and
/// their logs are gone once the app stops, and a race seen once on a CI machine must be explainable from its report.
/// </summary>
public sealed partial class ResourceLogs : ILoggerProvider
{
    private const string ResourcesCategory = ".Resources.";
    private const int KeptLines = 4000;
    // A failure is one "fail:" line of the console formatter followed by its message and the exception's first lines.
    private const int LinesPerFailure = 8;
    private readonly ConcurrentDictionary<string, ConcurrentQueue<string>> _lines = new();
    // Each resource's failures with the lines after them, kept apart: a busy service's request logs would otherwise
    // push a failure out of the recent lines before the test that met it reads them.
    private readonly ConcurrentDictionary<string, ConcurrentQueue<List<string>>> _failures = new();

    /// <summary>The resource's failures (its "fail:" entries), up to <paramref name="max"/>, for an assertion's message.</summary>
    public string FailuresOf(string resource, int max = 3)
    {
        if (!_lines.ContainsKey(resource))
            return $"({resource} logged nothing)";
        var failures = _failures.TryGetValue(resource, out var kept) ? kept.Take(max).Select(Joined) : [];
        return string.Join("\n---\n", failures.DefaultIfEmpty($"({resource} logged no failure)"));

        static string Joined(List<string> failure)
        {
            lock (failure)
                return string.Join('\n', failure);
        }
    }

    /// <summary>The resource's last <paramref name="count"/> lines, for a resource that stopped before it was healthy.</summary>
    public string TailOf(string resource, int count = 30) =>
        _lines.TryGetValue(resource, out var queue) ? string.Join('\n', queue.ToArray().TakeLast(count)) : $"({resource} logged nothing)";

    public ILogger CreateLogger(string categoryName)
    {
        var at = categoryName.IndexOf(ResourcesCategory, StringComparison.Ordinal);
        if (at < 0)
            return NoLogger.Instance;
        var resource = categoryName[(at + ResourcesCategory.Length)..];
        return new ResourceLogger(_lines.GetOrAdd(resource, _ => new()), _failures.GetOrAdd(resource, _ => new()));
    }

    public void Dispose()
    {
    }

    [GeneratedRegex(@"\x1b\[[0-9;]*m")]
    private static partial Regex ConsoleColours();

    private sealed class ResourceLogger(ConcurrentQueue<string> lines, ConcurrentQueue<List<string>> failures) : ILogger
    {
        private const int KeptFailures = 20;
        private List<string>? _failure;

        public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            var line = ConsoleColours().Replace(formatter(state, exception), "");
            lines.Enqueue(line);
            while (lines.Count > KeptLines)
                lines.TryDequeue(out _);
            KeepFailure(line);
        }

        /// <summary>A "fail:" line starts a kept failure; the lines after it (its message, the exception's first lines) join it.</summary>
        private void KeepFailure(string line)
        {
            if (line.Contains("fail:", StringComparison.Ordinal) && failures.Count < KeptFailures)
            {
                _failure = [];
                failures.Enqueue(_failure);
            }
            if (_failure is not { } failure)
                return;
            lock (failure)
            {
                failure.Add(line);
                if (failure.Count >= LinesPerFailure)
                    _failure = null;
            }
        }
    }

    private sealed class NoLogger : ILogger
    {
        public static readonly NoLogger Instance = new();

        public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => false;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
        }
    }
}
