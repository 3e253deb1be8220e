using System.Diagnostics;
using Crm.CustomerReadModel;
using Crm.CustomerReadModel.Listings;
using Crm.CustomerReadModel.Queries;
using Crm.CustomerReadModel.Sqlite;

namespace Crm.Benchmarks.ReadModel;

/// <summary>
/// The customer read model on SQLite with one tenant of 1,000,000 customers (CRM_BENCH_READMODEL_ROWS to change it):
/// the import rate of UpsertManyAsync in batches (baseline: making the same rows in memory), then the p99 of a filtered,
/// sorted first page and of a prefix search, and the file's size per customer.
/// </summary>
public sealed class ReadModelSuite : IBenchmarkSuite
{
    private const string Tenant = "bench-tenant";
    // An import's batch: random keys dirty a page of each index per row, so bigger transactions share those pages.
    private const int Batch = 50_000;
    private const int Queries = 300;

    private static readonly string[] FirstNames = MakeWords(200, 1);
    private static readonly string[] LastNames = MakeWords(2_000, 2);
    private static readonly string[] Stages = ["AWARENESS", "ACQUISITION", "CONSOLIDATION", "MATURITY", "DECLINE", "CHURNED"];
    private static readonly string[] Countries = ["US", "GB", "FR", "DE", "ES", "IT", "CN", "JP", "BR", "IN"];
    private static readonly string[] Cities = MakeWords(300, 3);
    private static readonly string[] Tags = ["vip", "newsletter", "b2b", "churn-risk", "wholesale", "events"];

    public string Name => "readmodel";

    public async Task RunAsync(BenchmarkReport report, CancellationToken cancellationToken)
    {
        var rows = int.TryParse(Environment.GetEnvironmentVariable("CRM_BENCH_READMODEL_ROWS"), out var n) ? n : 1_000_000;
        var folder = Directory.CreateTempSubdirectory("crm-bench-readmodel-").FullName;
        try
        {
            var file = Path.Combine(folder, "customers.db");
            await using var store = new SqliteCustomerReadModel($"Data Source={file}");

            var made = Stopwatch.StartNew();
            for (var start = 0; start < rows; start += Batch)
                GC.KeepAlive(MakeBatch(start, Math.Min(Batch, rows - start)));
            report.Add("readmodel.make_rows_per_s", rows / made.Elapsed.TotalSeconds, "rows/s");

            var import = Stopwatch.StartNew();
            for (var start = 0; start < rows; start += Batch)
            {
                await store.UpsertManyAsync(MakeBatch(start, Math.Min(Batch, rows - start)), cancellationToken: cancellationToken);
                if (start % 200_000 == 0)
                    BenchmarkReport.Progress($"imported {start:N0} rows in {import.Elapsed.TotalSeconds:0.0} s");
            }
            report.Add("readmodel.sqlite.import_rows_per_s", rows / import.Elapsed.TotalSeconds, "rows/s");
            report.Add("readmodel.sqlite.bytes_per_customer",
                Directory.GetFiles(folder).Sum(f => new FileInfo(f).Length) / (double)rows, "bytes");

            var random = new Random(7);
            report.Add("readmodel.sqlite.page_p99_ms", await P99Async(() => store.QueryAsync(new CustomerQuery
            {
                TenantId = Tenant,
                Filter = new CustomerFilter { Stages = [Stages[random.Next(Stages.Length)]], Country = Countries[random.Next(Countries.Length)] },
                Sort = new CustomerSort((SortField)random.Next(6), random.Next(2) == 0 ? SortDirection.Ascending : SortDirection.Descending),
                First = 50,
            }, cancellationToken)), "ms");
            report.Add("readmodel.sqlite.search_p99_ms", await P99Async(() =>
            {
                var text = $"{FirstNames[random.Next(FirstNames.Length)]} {LastNames[random.Next(LastNames.Length)][..3]}";
                return store.SearchAsync(Tenant, text, 20, cancellationToken);
            }), "ms");
            report.Add("readmodel.sqlite.search_one_word_p99_ms", await P99Async(() =>
                store.SearchAsync(Tenant, LastNames[random.Next(LastNames.Length)][..4], 20, cancellationToken)), "ms");
            report.Add("readmodel.sqlite.count_filtered_p99_ms", await P99Async(() =>
                store.CountAsync(Tenant, new CustomerFilter { Tiers = ["A"], Country = Countries[random.Next(Countries.Length)] }, cancellationToken), 30), "ms");
        }
        finally
        {
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            Directory.Delete(folder, recursive: true);
        }
    }

    /// <summary>The 99th percentile of the call's latency over <paramref name="count"/> calls, after a few to warm up.</summary>
    private static async Task<double> P99Async<T>(Func<Task<T>> call, int count = Queries)
    {
        for (var i = 0; i < 10; i++)
            await call();
        var times = new double[count];
        for (var i = 0; i < count; i++)
        {
            var watch = Stopwatch.StartNew();
            await call();
            times[i] = watch.Elapsed.TotalMilliseconds;
        }
        Array.Sort(times);
        return times[(int)Math.Ceiling(count * 0.99) - 1];
    }

    private static List<CustomerListing> MakeBatch(int start, int count)
    {
        var listings = new List<CustomerListing>(count);
        var epoch = new DateTimeOffset(2020, 1, 1, 0, 0, 0, TimeSpan.Zero);
        for (var i = start; i < start + count; i++)
        {
            var random = new Random(i);
            var first = FirstNames[random.Next(FirstNames.Length)];
            var last = LastNames[random.Next(LastNames.Length)];
            listings.Add(new CustomerListing
            {
                TenantId = Tenant,
                CustomerId = Guid.CreateVersion7(epoch.AddSeconds(i)).ToString(),
                Name = $"{char.ToUpperInvariant(first[0])}{first[1..]} {char.ToUpperInvariant(last[0])}{last[1..]}",
                Email = $"{first}.{last}{i}@example.com",
                Phone = $"+1{2_000_000_000L + i}",
                Country = Countries[random.Next(Countries.Length)],
                Region = "R" + random.Next(20),
                City = Cities[random.Next(Cities.Length)],
                Stage = Stages[random.Next(Stages.Length)],
                Tier = ((char)('A' + random.Next(3))).ToString(),
                Tags = Tags.Where(_ => random.Next(5) == 0).ToArray(),
                SourceChannel = "WEB",
                Birthday = new DateOnly(1950 + random.Next(55), 1 + random.Next(12), 1 + random.Next(28)),
                Gender = random.Next(2) == 0 ? "F" : "M",
                AgeBand = "35-44",
                IncomeBand = "MID",
                TotalSpend = random.Next(1_000_000) / 100m,
                OrderCount = random.Next(50),
                InteractionCount = random.Next(500),
                LastInteractionAt = epoch.AddMinutes(random.Next(3_000_000)),
                OpenComplaints = random.Next(10) == 0 ? 1 : 0,
                LatestCsat = 1 + random.Next(5),
                CreatedAt = epoch.AddSeconds(i),
                UpdatedAt = epoch.AddSeconds(i + random.Next(1_000_000)),
                Version = 1,
            });
        }
        return listings;
    }

    /// <summary>Pronounceable made-up words (consonant-vowel syllables), distinct within the list.</summary>
    private static string[] MakeWords(int count, int seed)
    {
        const string consonants = "bcdfghjklmnprstvwz";
        const string vowels = "aeiou";
        var random = new Random(seed);
        var words = new HashSet<string>();
        while (words.Count < count)
        {
            var syllables = 2 + random.Next(2);
            words.Add(string.Concat(Enumerable.Range(0, syllables).Select(_ => $"{consonants[random.Next(consonants.Length)]}{vowels[random.Next(vowels.Length)]}")));
        }
        return [.. words];
    }
}
