using Crm.AppHost.Networking;
using System.Diagnostics;
using System.Net;
using System.Globalization;
using Crm.Benchmarks.Actors;
using Crm.Benchmarks.Processes;
using Crm.Contracts;
using Crm.Contracts.Customers;
using Crm.CustomerCsv.Import;
using Crm.CustomerReadModel;
using Crm.CustomerReadModel.Hosting;
using Crm.CustomerReadModel.Queries;
using Crm.CustomerSilo.Webhooks;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Orleans.Configuration;
using Orleans.Hosting;

namespace Crm.Benchmarks.Import;

/// <summary>
/// A CSV of N customers (1,000,000 unless CRM_BENCH_IMPORT_ROWS says fewer) imported into one tenant by the same code
/// the GraphQL service runs (CsvImporter feeding the import job grain, which creates the customers in bulk), on a silo
/// in this process with grain state, reminders and the read model in SQLite files. The baseline is the bare parse of the same file.
/// Then, on that tenant: a filtered, sorted first page from the read model alone, then that page and a text search
/// through the real GraphQL service (a process of its own, a client of this silo), and the bytes the two stores take
/// per customer.
/// </summary>
public sealed class ImportSuite : IBenchmarkSuite
{
    public const string RowsVariable = "CRM_BENCH_IMPORT_ROWS";
    private const int QueryRounds = 300;
    private const int PageSize = 20;

    private const string PageQuery = """
        query($w: CustomerFilterInput, $o: CustomerOrderInput) {
          customers(first: 20, where: $w, order: $o) { edges { node { id name email lifecycleStage valueTier counters { total } } } }
        }
        """;

    private const string SearchQuery = "query($text: String!) { searchCustomers(text: $text, first: 20) { id name email } }";

    public string Name => "import";

    public async Task RunAsync(BenchmarkReport report, CancellationToken cancellationToken)
    {
        var rows = int.TryParse(Environment.GetEnvironmentVariable(RowsVariable), out var n) && n > 0 ? n : 1_000_000;
        var folder = Directory.CreateTempSubdirectory("crm-bench-import-");
        try
        {
            var csvFile = Path.Combine(folder.FullName, "customers.csv");
            BenchmarkReport.Progress($"import: writing a CSV of {rows:N0} customers");
            await CustomerFile.WriteAsync(csvFile, rows);

            BenchmarkReport.Progress("import: the bare CSV parse (baseline)");
            var parse = Stopwatch.StartNew();
            using (var text = File.OpenText(csvFile))
                await CustomerCsvReader.CountRowsAsync(text, cancellationToken);
            report.Add("baseline.csv_parse_rows_per_s", rows / parse.Elapsed.TotalSeconds, "rows/s");

            var clusterFile = Path.Combine(folder.FullName, "cluster.db");
            var readModelFile = Path.Combine(folder.FullName, "customers.db");
            var clusterId = BenchSilo.NewClusterId();
            using var host = BuildSilo(clusterId, clusterFile, readModelFile);
            await host.StartAsync(cancellationToken);
            var grains = host.Services.GetRequiredService<IGrainFactory>();
            var readModel = host.Services.GetRequiredService<ICustomerReadModel>();
            var tenant = Guid.NewGuid().ToString("N");

            BenchmarkReport.Progress($"import: {rows:N0} rows into one tenant");
            var import = Stopwatch.StartNew();
            var lastReport = Stopwatch.StartNew();
            ImportProgressReport(0, rows, import);
            var progress = await new CsvImporter(grains).RunAsync(tenant, "bench", File.OpenText(csvFile), ColumnMapping.Default, p =>
            {
                if (lastReport.Elapsed > TimeSpan.FromSeconds(10))
                {
                    ImportProgressReport(p.RowsDone, rows, import);
                    lastReport.Restart();
                }
                return Task.CompletedTask;
            }, cancellationToken: cancellationToken);
            import.Stop();
            if (progress.Created != rows)
                throw new InvalidOperationException($"The import created {progress.Created} customers of {rows} ({progress.Failed} failed, first error: {progress.Errors.FirstOrDefault()}).");
            report.Add("import.rows_per_s", rows / import.Elapsed.TotalSeconds, "rows/s");
            var filter = new CustomerFilter { Country = "DE", TagsAny = ["vip"] };
            async Task<CustomerPage> FirstPageAsync(int round)
            {
                var page = await readModel.QueryAsync(new CustomerQuery
                {
                    TenantId = tenant, Filter = filter, First = PageSize,
                    Sort = new CustomerSort(round % 2 == 0 ? SortField.Name : SortField.CreatedAt, SortDirection.Descending),
                }, cancellationToken);
                return page.Items.Count == PageSize
                    ? page
                    : throw new InvalidOperationException($"The page has {page.Items.Count} customers; {PageSize} were expected.");
            }

            // The read model's part alone, so the figure below shows what the service and the grains add.
            BenchmarkReport.Progress("query: a filtered, sorted first page from the read model alone");
            report.Add("query.customers_page_readmodel_p99_ms", await P99Async(FirstPageAsync), "ms");

            // The same page and a search as tenants ask for them: over HTTP, through the GraphQL service's resolvers,
            // which read the listings and load the page's customers from their grains.
            BenchmarkReport.Progress("query: starting the GraphQL service as a client of this silo");
            await using (var service = await GraphQLServiceProcess.StartAsync(clusterId, clusterFile, readModelFile, folder.FullName))
            {
                BenchmarkReport.Progress("query: a filtered, sorted first page of customers through the GraphQL service");
                report.Add("query.customers_page_p99_ms", await P99Async(async round =>
                {
                    var data = await service.QueryAsync(tenant, PageQuery, new
                    {
                        w = new { country = "DE", tagsAny = new[] { "vip" } },
                        o = new { field = round % 2 == 0 ? "NAME" : "CREATED_AT", direction = "DESC" },
                    }, cancellationToken);
                    if (data["customers"]?["edges"]?.AsArray().Count != PageSize)
                        throw new InvalidOperationException($"The page is not {PageSize} customers: {data.ToJsonString()}");
                }), "ms");

                BenchmarkReport.Progress("query: searchCustomers through the GraphQL service");
                report.Add("query.search_p99_ms", await P99Async(async round =>
                {
                    var data = await service.QueryAsync(tenant, SearchQuery, new { text = CustomerFile.SearchText(round) }, cancellationToken);
                    if (data["searchCustomers"]?.AsArray().Count is null or 0)
                        throw new InvalidOperationException($"The search for '{CustomerFile.SearchText(round)}' found nothing.");
                }), "ms");
            }

            await host.StopAsync(cancellationToken);
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            var bytes = new[] { clusterFile, readModelFile }
                .SelectMany(f => new[] { f, f + "-wal", f + "-shm" })
                .Where(File.Exists).Sum(f => new FileInfo(f).Length);
            report.Add("store.bytes_per_customer", bytes / (double)rows, "bytes");
        }
        finally
        {
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            try { folder.Delete(recursive: true); } catch (IOException) { /* still open; temp is cleaned by the OS */ }
        }
    }

    private static void ImportProgressReport(long done, int rows, Stopwatch elapsed) =>
        BenchmarkReport.Progress($"import: {done:N0}/{rows:N0} rows after {elapsed.Elapsed.TotalSeconds:0.0} s " +
            $"({done / Math.Max(0.001, elapsed.Elapsed.TotalSeconds):N0} rows/s, {Environment.WorkingSet / (1 << 20):N0} MB)");

    /// <summary>
    /// Runs the query twice to warm up (the rounds alternate between two variants, such as two sorts, whose pages'
    /// grains are activated then), then <see cref="QueryRounds"/> times one after another.
    /// </summary>
    private static async Task<double> P99Async(Func<int, Task> query)
    {
        await query(-2);
        await query(-1);
        var times = new double[QueryRounds];
        for (var round = 0; round < QueryRounds; round++)
        {
            var clock = Stopwatch.StartNew();
            await query(round);
            times[round] = clock.Elapsed.TotalMilliseconds;
        }
        Array.Sort(times);
        return times[(int)Math.Ceiling(QueryRounds * 0.99) - 1];
    }

    private static IHost BuildSilo(string clusterId, string clusterFile, string readModelFile)
    {
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });
        builder.Logging.AddConsole(console => console.LogToStandardErrorThreshold = LogLevel.Trace).SetMinimumLevel(LogLevel.Warning);
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            [ReadModelServiceCollectionExtensions.ConnectionStringKey] = $"Data Source={readModelFile}",
        });
        builder.Services.AddSingleton(TimeProvider.System);
        builder.Services.AddCustomerReadModel(builder.Configuration);
        // Every customer write hands its events to the tenant's webhooks grain, which the customer silo can activate
        // only with the sender registered; without it each created customer logged a failed handover every 5 s.
        builder.Services.AddWebhookDelivery(builder.Configuration);
        builder.UseOrleans(silo =>
        {
            // Membership in the cluster's SQLite file, as the AppHost's silos keep it, so the GraphQL service joins as a client.
            silo.UseSqliteClustering(options => options.ConnectionString = $"Data Source={clusterFile}")
                .Configure<ClusterOptions>(options => (options.ClusterId, options.ServiceId) = (clusterId, clusterId))
                .ConfigureEndpoints(IPAddress.Loopback, LoopbackPorts.AllocateOne(), LoopbackPorts.AllocateOne());
            SiloTuning.Apply(silo);
            silo.AddSqliteGrainStorageAsDefault(options => options.ConnectionString = $"Data Source={clusterFile}");
            // As the customer silo stores them: every created customer sets its silence reminder in this table.
            silo.UseSqliteReminderService(options => options.ConnectionString = $"Data Source={clusterFile}");
            // Customers created in bulk are never activated, but the rows that go through a customer grain (duplicates
            // within a batch, a replay) are, and are then idle: collect them soon.
            silo.Configure<GrainCollectionOptions>(options =>
            {
                options.CollectionQuantum = TimeSpan.FromSeconds(5);
                options.CollectionAge = TimeSpan.FromSeconds(20);
            });
        });
        return builder.Build();
    }
}
