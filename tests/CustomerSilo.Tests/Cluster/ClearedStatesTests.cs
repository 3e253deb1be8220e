using Crm.CustomerSilo.Cluster;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Orleans.Configuration;

namespace CustomerSilo.Tests.Cluster;

/// <summary>
/// The PostgreSQL mode's grain storage deletes a cleared state's row when its section says so, as the other modes do
/// (that Orleans' ADO.NET storage then deletes the row is its contract test's, in Orleans.Storage.Tests).
/// </summary>
public sealed class ClearedStatesTests
{
    [Fact]
    public void An_AdoNet_grain_storage_takes_DeleteStateOnClear_from_its_section()
    {
        var options = OptionsFor(new()
        {
            ["Orleans:GrainStorage:Default:ProviderType"] = "AdoNet",
            ["Orleans:GrainStorage:Default:DeleteStateOnClear"] = "true",
            ["Orleans:GrainStorage:Keeping:ProviderType"] = "AdoNet",
        });

        Assert.True(options.Get("Default").DeleteStateOnClear);
        Assert.False(options.Get("Keeping").DeleteStateOnClear);
    }

    [Fact]
    public void A_value_that_is_not_a_boolean_is_refused_with_its_setting()
    {
        var error = Assert.Throws<InvalidOperationException>(() => OptionsFor(new()
        {
            ["Orleans:GrainStorage:Default:ProviderType"] = "AdoNet",
            ["Orleans:GrainStorage:Default:DeleteStateOnClear"] = "yes",
        }));

        Assert.Contains("Orleans:GrainStorage:Default:DeleteStateOnClear", error.Message);
        Assert.Contains("true or false", error.Message);
    }

    private static IOptionsMonitor<AdoNetGrainStorageOptions> OptionsFor(Dictionary<string, string?> settings)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(settings).Build();
        return new ServiceCollection().AddOptions().AddDeleteStateOnClearForAdoNet(configuration)
            .BuildServiceProvider().GetRequiredService<IOptionsMonitor<AdoNetGrainStorageOptions>>();
    }
}
