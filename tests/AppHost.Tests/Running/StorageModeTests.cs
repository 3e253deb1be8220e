namespace AppHost.Tests.Running;

/// <summary>Tests that start apps of their own, one at a time and never beside a shared one.</summary>
[CollectionDefinition(StorageModeTests.Name, DisableParallelization = true)]
public sealed class OwnAppsCollection;

/// <summary>
/// The PostgreSQL and Azure modes, each on an app of its own: the store runs as an executable in the data folder, it is
/// healthy before the silos start, the silos get its address under the cluster's contract, and the system serves.
/// </summary>
[Collection(Name)]
public sealed class StorageModeTests
{
    public const string Name = "apps of their own";

    // Where ./test.sh's `npm ci` puts the Azurite the azure mode runs (pinned by azurite/package-lock.json).
    private static readonly string AzuriteBin = Path.GetFullPath(Path.Combine(AppContext.BaseDirectory, "../../../azurite/node_modules/.bin"));

    [Fact]
    public async Task Postgres_mode_runs_debians_server_in_the_data_folder_and_the_system_stores_through_it()
    {
        var app = await RunningApp.StartAsync("--storage", "postgres");
        try
        {
            var silo = app.EnvironmentOf("customer-silo-1");
            Assert.Equal("AdoNet", silo["Orleans__Clustering__ProviderType"]);
            Assert.Equal("Npgsql", silo["Orleans__GrainStorage__Default__Invariant"]);
            // Erasing clears grain states: their rows go, keys and all, as in the other modes.
            Assert.Equal("true", silo["Orleans__GrainStorage__Default__DeleteStateOnClear"]);
            Assert.StartsWith("Host=127.0.0.1;Port=", silo["Orleans__Reminders__ConnectionString"]);
            foreach (var service in new[] { silo, app.EnvironmentOf("graphql") })
            {
                // The read model is a table of its own on the same server.
                Assert.Equal("PostgreSql", service["Crm__ReadModel__Provider"]);
                Assert.Equal(silo["Orleans__GrainStorage__Default__ConnectionString"], service["Crm__ReadModel__ConnectionString"]);
            }
            Assert.True(File.Exists(Path.Combine(app.DataDirectory, "postgres", "PG_VERSION")), "the server's data is not in <data>/postgres");
            await WriteAndReadAsync(app);
        }
        finally
        {
            await app.DisposeAsync();
        }
    }

    [Fact]
    public async Task Azure_mode_runs_azurite_in_the_data_folder_and_hands_the_silos_its_tables_and_blobs()
    {
        Assert.True(File.Exists(Path.Combine(AzuriteBin, "azurite")), $"Azurite is not installed in {AzuriteBin}: run ./test.sh (npm ci there)");
        var path = Environment.GetEnvironmentVariable("PATH");
        Environment.SetEnvironmentVariable("PATH", $"{AzuriteBin}{Path.PathSeparator}{path}");
        try
        {
            var app = await RunningApp.StartAsync("--storage", "azure");
            try
            {
                var silo = app.EnvironmentOf("customer-silo-1");
                Assert.Equal("AzureTableStorage", silo["Orleans__Clustering__ProviderType"]);
                Assert.Equal("AzureBlobStorage", silo["Orleans__GrainStorage__Default__ProviderType"]);
                Assert.Contains("TableEndpoint=http://127.0.0.1:", silo["Orleans__Reminders__ConnectionString"]);
                // Azure Storage has no SQL store: the read model stays a SQLite file in the data folder.
                foreach (var service in new[] { silo, app.EnvironmentOf("graphql") })
                {
                    Assert.Equal("Sqlite", service["Crm__ReadModel__Provider"]);
                    Assert.Equal($"Data Source={Path.Combine(app.DataDirectory, "customers.db")}", service["Crm__ReadModel__ConnectionString"]);
                }
                Assert.True(Directory.EnumerateFileSystemEntries(Path.Combine(app.DataDirectory, "azurite")).Any(), "Azurite keeps nothing in <data>/azurite");
                await WriteAndReadAsync(app);
            }
            finally
            {
                await app.DisposeAsync();
            }
        }
        finally
        {
            Environment.SetEnvironmentVariable("PATH", path);
        }
    }

    private static async Task WriteAndReadAsync(RunningApp app)
    {
        using var crm = new CrmCalls(app.Gateway);
        var apiKey = await crm.SignUpAsync("Stored Ltd");
        var (id, failure) = await crm.CreateCustomerAsync(apiKey, "Grace Hopper");
        Assert.True(id is not null, failure);
        Assert.Equal("Grace Hopper", await crm.ReadNameAsync(apiKey, id));
    }
}
