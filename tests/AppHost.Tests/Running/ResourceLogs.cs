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

    /// <summary>The resource's failures (its "fail:" entries), up to <paramref name="max"/>, for an assertion's message.</summary>
    public string FailuresOf(string resource, int max = 3)
    {
        if (!_lines.TryGetValue(resource, out var queue))
            return $"({resource} logged nothing)";
        var lines = queue.ToArray();
        var failures = lines.Index().Where(l => l.Item.Contains("fail:", StringComparison.Ordinal)).Take(max)
            .Select(l => string.Join('\n', lines.Skip(l.Index).Take(LinesPerFailure)));
        return string.Join("\n---\n", failures.DefaultIfEmpty($"({resource} logged no failure)"));
    }

    /// <summary>The resource's last <paramref name="count"/> lines, for a resource that stopped before it was healthy.</summary>
    public string TailOf(string resource, int count = 30) =>
        _lines.TryGetValue(resource, out var queue) ? string.Join('\n', queue.ToArray().TakeLast(count)) : $"({resource} logged nothing)";

    public ILogger CreateLogger(string categoryName)
    {
        var at = categoryName.IndexOf(ResourcesCategory, StringComparison.Ordinal);
        return at < 0 ? NoLogger.Instance : new ResourceLogger(_lines.GetOrAdd(categoryName[(at + ResourcesCategory.Length)..], _ => new()));
    }

    public void Dispose()
    {
    }

    [GeneratedRegex(@"\x1b\[[0-9;]*m")]
    private static partial Regex ConsoleColours();

    private sealed class ResourceLogger(ConcurrentQueue<string> lines) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            lines.Enqueue(ConsoleColours().Replace(formatter(state, exception), ""));
            while (lines.Count > KeptLines)
                lines.TryDequeue(out _);
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
