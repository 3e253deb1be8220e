using Crm.AppHost.Cli;
using Crm.AppHost.Resources;
using AppHost.Tests.Fakes;

namespace AppHost.Tests.Resources;

public sealed class CrmAppModelTests : IDisposable
{
    private readonly TempDirectory _temp = new();

    public void Dispose() => _temp.Dispose();

    private IReadOnlyList<ProjectResource> Build(int silos, IReadOnlyDictionary<string, string>? ambient = null) =>
        CrmAppModel.Build(
            new CrmAppModelSettings(new AppHostOptions("/data/crm", 6100, silos), "c2VjcmV0", "/usr/bin/dotnet", 4242, ambient ?? new Dictionary<string, string>()),
            FakeServices.Manifest(_temp),
            Enumerable.Range(7001, CrmAppModel.FreePortsNeeded(silos)).ToArray());

    [Fact]
    public void Silos_come_first_then_graphql_and_campaigns_then_the_gateway_on_the_chosen_port()
    {
        var resources = Build(silos: 3);

        Assert.Equal(["customer-silo-1", "customer-silo-2", "customer-silo-3", "graphql", "campaigns", "gateway"], resources.Select(r => r.Name));
        Assert.Equal([7001, 7002, 7003, 7004, 7005, 6100], resources.Select(r => r.Endpoint.Port));
        var stages = new ResourceGraph(resources).Stages.Select(s => s.Select(r => r.Name).ToArray()).ToArray();
        Assert.Equal([["customer-silo-1", "customer-silo-2", "customer-silo-3"], ["graphql", "campaigns"], ["gateway"]], stages);
    }

    [Fact]
    public void Each_service_runs_its_dll_with_dotnet_in_its_project_folder()
    {
        var gateway = Build(silos: 1).Single(r => r.Name == "gateway");

        Assert.Equal("/usr/bin/dotnet", gateway.Launch.FileName);
        Assert.Equal([FakeServiceLocation.AssemblyPath], gateway.Launch.Arguments);
        Assert.Equal(_temp.Combine("fakes", "Crm.Gateway"), gateway.Launch.WorkingDirectory);
        Assert.Equal(new Uri("http://127.0.0.1:6100/health"), gateway.HealthUrl);
    }

    [Fact]
    public void Every_service_gets_the_shared_settings_and_its_own_url_and_name()
    {
        foreach (var resource in Build(silos: 2))
        {
            var env = resource.Environment;
            Assert.Equal(resource.Endpoint.ToString(), env["ASPNETCORE_URLS"]);
            Assert.Equal(resource.Name, env["OTEL_SERVICE_NAME"]);
            Assert.Equal("Development", env["ASPNETCORE_ENVIRONMENT"]);
            Assert.Equal("Development", env["DOTNET_ENVIRONMENT"]);
            Assert.Equal("Sqlite", env["Orleans__Clustering__ProviderType"]);
            Assert.Equal("Data Source=/data/crm/cluster.db", env["Orleans__Clustering__ConnectionString"]);
            Assert.Equal("c2VjcmV0", env["Crm__GatewaySecret"]);
            Assert.Equal("4242", env["CRM_PARENT_PID"]);
            Assert.Equal("http://127.0.0.1:7003", env["Services__graphql"]);
            Assert.Equal("http://127.0.0.1:7004", env["Services__campaigns"]);
            Assert.Equal("http://127.0.0.1:6100", env["Services__gateway"]);
        }
    }

    [Fact]
    public void The_apphosts_environment_name_and_otel_settings_pass_through()
    {
        var ambient = new Dictionary<string, string>
        {
            ["DOTNET_ENVIRONMENT"] = "Staging",
            ["OTEL_EXPORTER_OTLP_ENDPOINT"] = "http://collector:4317",
            ["OTEL_SERVICE_NAME"] = "apphost",
            ["UNRELATED"] = "x",
        };

        var graphql = Build(silos: 1, ambient).Single(r => r.Name == "graphql").Environment;

        Assert.Equal("Staging", graphql["ASPNETCORE_ENVIRONMENT"]);
        Assert.Equal("http://collector:4317", graphql["OTEL_EXPORTER_OTLP_ENDPOINT"]);
        Assert.Equal("graphql", graphql["OTEL_SERVICE_NAME"]);
        Assert.False(graphql.ContainsKey("UNRELATED"));
    }

    [Fact]
    public void The_wrong_number_of_ports_is_a_programming_error() =>
        Assert.Throws<ArgumentException>(() => CrmAppModel.Build(
            new CrmAppModelSettings(new AppHostOptions("/d", 1, 2), "s", "dotnet", 1, new Dictionary<string, string>()),
            FakeServices.Manifest(_temp),
            [1, 2]));
}
