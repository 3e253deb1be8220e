using Crm.Benchmarks;
using Crm.Benchmarks.Actors;
using Crm.Benchmarks.EndToEnd;

// Suites start this executable again for their server processes, with a hidden first argument.
switch (args.FirstOrDefault())
{
    case SiloProcess.Mode:
        return await SiloProcess.RunAsync(args);
    case HelloGateway.Mode:
        return await HelloGateway.RunAsync(args);
}

// Usage: dotnet run -c Release --project bench/Crm.Benchmarks -- <suite>
var suites = typeof(IBenchmarkSuite).Assembly.GetTypes()
    .Where(t => t is { IsClass: true, IsAbstract: false } && typeof(IBenchmarkSuite).IsAssignableFrom(t))
    .Select(t => (IBenchmarkSuite)Activator.CreateInstance(t)!)
    .ToDictionary(s => s.Name, StringComparer.OrdinalIgnoreCase);

if (args.Length != 1 || !suites.TryGetValue(args[0], out var suite))
{
    Console.Error.WriteLine($"usage: dotnet run -c Release --project bench/Crm.Benchmarks -- <suite>");
    Console.Error.WriteLine($"suites: {string.Join(", ", suites.Keys.Order())}");
    return 2;
}

using var cancel = new CancellationTokenSource();
Console.CancelKeyPress += (_, e) => { e.Cancel = true; cancel.Cancel(); };
var report = new BenchmarkReport();
await suite.RunAsync(report, cancel.Token);
report.WriteJsonLines(Console.Out);
return 0;
