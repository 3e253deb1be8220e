namespace Crm.Benchmarks;

/// <summary>
/// One named suite (`actors`, `graphql`, ...). Suites are found by reflection, so adding one is adding a class.
/// A suite reports every figure together with a same-run baseline, because this machine is shared and noisy
/// and only ratios taken in one run mean anything.
/// </summary>
public interface IBenchmarkSuite
{
    string Name { get; }

    Task RunAsync(BenchmarkReport report, CancellationToken cancellationToken);
}
