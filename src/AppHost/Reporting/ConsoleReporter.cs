namespace Crm.AppHost.Reporting;

/// <summary>
/// The AppHost's own console: short progress lines on stdout, problems on stderr. Children's output never comes
/// here (it goes to their log files), which keeps the console readable.
/// </summary>
public sealed class ConsoleReporter(TextWriter output, TextWriter error)
{
    private readonly Lock _gate = new();

    public void Info(string line)
    {
        lock (_gate)
            output.WriteLine(line);
    }

    public void Problem(string line)
    {
        lock (_gate)
            error.WriteLine(line);
    }

    /// <summary>A problem followed by the resource's last log lines and where to read the rest.</summary>
    public void ProblemWithLog(string headline, string resourceName, IReadOnlyList<string> lastLines, string logFile)
    {
        lock (_gate)
        {
            error.WriteLine(headline);
            error.WriteLine(lastLines.Count == 0
                ? $"  ({resourceName} wrote nothing; log: {logFile})"
                : $"  last {lastLines.Count} lines of {resourceName} (full log: {logFile}):");
            foreach (var line in lastLines)
                error.WriteLine($"  | {line}");
        }
    }
}
