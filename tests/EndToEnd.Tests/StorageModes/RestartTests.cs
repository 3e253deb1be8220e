using Crm.AppHost.Networking;
namespace EndToEnd.Tests.StorageModes;

/// <summary>
/// Acknowledged means durable, in every storage mode: what the system said it stored is there after a stop and a new
/// start on the same data folder, and the stop leaves no process behind (the mode's server included).
/// </summary>
[Collection(SystemCollection.Name)]
public sealed class RestartTests : IDisposable
{
    private readonly string _data = Directory.CreateTempSubdirectory("crm-e2e-restart-").FullName;

    [Theory]
    [InlineData("sqlite")]
    [InlineData("postgres")]
    [InlineData("azure")]
    public async Task A_customer_survives_a_stop_and_start_on_the_same_data_folder_and_the_stop_leaves_nothing_running(string storage)
    {
        var port = LoopbackPorts.AllocateOne();
        var environment = StorageServers.EnvironmentFor(storage);
        string apiKey, customerId;
        await using (var first = await AppHostProcess.StartAsync(_data, port, environment, "--storage", storage))
        {
            using var client = new CrmClient(first.Gateway);
            var tenant = await client.SignUpAsync("Durable Goods");
            apiKey = tenant.ApiKey;
            var (_, created) = await client.GraphQLAsync(apiKey,
                "mutation($i: CreateCustomerInput!) { createCustomer(input: $i) { customer { id } } }",
                new { i = new { name = "Katherine Johnson", email = "katherine@example.com" } });
            customerId = (string)created["data"]!["createCustomer"]!["customer"]!["id"]!;

            // The probe must see the running services, or an empty answer after the stop would prove nothing.
            Assert.True(first.ProcessesUsingDataDirectory().Count >= 4, "the process probe does not see the running services");

            var exitCode = await first.StopAsync(TimeSpan.FromSeconds(60));

            Assert.True(exitCode == 0, $"the AppHost exited with {exitCode} on SIGTERM.\n{first.Output}");
            Assert.Empty(first.ProcessesUsingDataDirectory());
            Assert.True(AppHostProcess.PortIsFree(port), $"port {port} is still bound after the stop");
        }

        await using var second = await AppHostProcess.StartAsync(_data, port, environment, "--storage", storage);
        using var again = new CrmClient(second.Gateway);
        var (_, read) = await again.GraphQLAsync(apiKey, "query($id: ID!) { customer(id: $id) { id name email } }", new { id = customerId });

        var customer = read["data"]!["customer"]!;
        Assert.Equal(customerId, (string?)customer["id"]);
        Assert.Equal("Katherine Johnson", (string?)customer["name"]);
        Assert.Equal("katherine@example.com", (string?)customer["email"]);
    }

    public void Dispose() => Directory.Delete(_data, recursive: true);
}
