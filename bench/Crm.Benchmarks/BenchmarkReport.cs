using System.Text.Json;

namespace Crm.Benchmarks;

/// <summary>Collects metrics while a suite runs; progress goes to stderr, the JSON lines to stdout at the end.</summary>
public sealed class BenchmarkReport
{
    private readonly List<Metric> _metrics = [];

    public void Add(string metric, double value, string unit)
    {
        _metrics.Add(new Metric(metric, value, unit));
        Progress($"{metric} = {value:0.##} {unit}");
    }

    public static void Progress(string message) => Console.Error.WriteLine($"[bench] {message}");

    public void WriteJsonLines(TextWriter output)
    {
        foreach (var metric in _metrics)
            output.WriteLine(JsonSerializer.Serialize(new { metric = metric.Name, value = Math.Round(metric.Value, 3), unit = metric.Unit }));
    }

    private sealed record Metric(string Name, double Value, string Unit);
}
