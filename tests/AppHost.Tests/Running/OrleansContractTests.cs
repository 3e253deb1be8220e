namespace AppHost.Tests.Running;

/// <summary>
/// The cluster's configuration contract, as the AppHost hands it to silos and clients in the default (SQLite) mode:
/// what the services' UseOrleans() and UseOrleansClient() read.
/// </summary>
[Collection(RunningAppCollection.Name)]
public sealed class OrleansContractTests(RunningApp app)
{
    [Fact]
    public void A_silo_gets_the_cluster_ids_one_sqlite_file_for_membership_state_and_reminders_and_its_own_loopback_ports()
    {
        var silo = app.EnvironmentOf("customer-silo-1");
        var file = $"Data Source={Path.Combine(app.DataDirectory, "cluster.db")}";

        Assert.Equal("crm", silo["Orleans__ClusterId"]);
        Assert.Equal("crm", silo["Orleans__ServiceId"]);
        foreach (var section in new[] { "Clustering", "GrainStorage__Default", "Reminders" })
        {
            Assert.Equal("Sqlite", silo[$"Orleans__{section}__ProviderType"]);
            Assert.Equal(file, silo[$"Orleans__{section}__ConnectionString"]);
        }
        // Erasing a customer or a tenant clears its grains' state: the row goes, key and all.
        Assert.Equal("true", silo["Orleans__GrainStorage__Default__DeleteStateOnClear"]);
        Assert.Equal("127.0.0.1", silo["Orleans__Endpoints__AdvertisedIPAddress"]);
        var siloPort = int.Parse(silo["Orleans__Endpoints__SiloPort"]!);
        var gatewayPort = int.Parse(silo["Orleans__Endpoints__GatewayPort"]!);
        Assert.NotEqual(siloPort, gatewayPort);
    }

    [Fact]
    public void A_client_gets_the_cluster_ids_and_its_membership_but_no_storage_or_silo_ports()
    {
        foreach (var client in new[] { "graphql", "campaigns", "gateway" })
        {
            var environment = app.EnvironmentOf(client);

            Assert.Equal("crm", environment["Orleans__ClusterId"]);
            Assert.Equal("Sqlite", environment["Orleans__Clustering__ProviderType"]);
            Assert.DoesNotContain("Orleans__GrainStorage__Default__ProviderType", environment.Keys);
            Assert.DoesNotContain("Orleans__Endpoints__SiloPort", environment.Keys);
        }
    }

    [Fact]
    public void The_silos_and_graphql_get_the_customer_read_model_in_a_sqlite_file_of_its_own_and_the_public_gateway_no_store()
    {
        foreach (var service in new[] { "customer-silo-1", "graphql" })
        {
            var environment = app.EnvironmentOf(service);

            Assert.Equal("Sqlite", environment["Crm__ReadModel__Provider"]);
            Assert.Equal($"Data Source={Path.Combine(app.DataDirectory, "customers.db")}", environment["Crm__ReadModel__ConnectionString"]);
        }
        // The gateway's audit entries go through the tenant's cell.
        foreach (var service in new[] { "campaigns", "gateway" })
            Assert.DoesNotContain("Crm__ReadModel__ConnectionString", app.EnvironmentOf(service).Keys);
    }

    [Fact]
    public void The_gateway_finds_graphql_by_service_discovery_on_loopback()
    {
        var gateway = app.EnvironmentOf("gateway");

        Assert.StartsWith("http://127.0.0.1:", gateway["services__graphql__http__0"]);
        Assert.StartsWith("http://127.0.0.1:", gateway["services__campaigns__http__0"]);
    }
}
