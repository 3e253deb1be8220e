using Crm.CustomerReadModel.Hosting;
using Crm.CustomerReadModel.PostgreSql;
using Crm.CustomerReadModel.Sqlite;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace Crm.CustomerReadModel.Tests.Hosting;

/// <summary>The store is chosen by Crm:ReadModel:Provider, and a wrong setting fails at start saying what to set.</summary>
public sealed class AddCustomerReadModelTests
{
    [Fact]
    public async Task With_no_setting_it_is_sqlite_in_customers_db_beside_the_app()
    {
        await using var services = Build([]);

        var store = Assert.IsType<SqliteCustomerReadModel>(services.GetRequiredService<ICustomerReadModel>());

        Assert.Equal(Path.Combine(AppContext.BaseDirectory, "customers.db"), store.FilePath);
    }

    [Fact]
    public async Task Postgresql_is_chosen_by_its_name_with_a_connection_string()
    {
        await using var services = Build(new()
        {
            ["Crm:ReadModel:Provider"] = "PostgreSql",
            ["Crm:ReadModel:ConnectionString"] = "Host=127.0.0.1;Port=5999;Username=crm;Database=crm",
        });

        Assert.IsType<PostgreSqlCustomerReadModel>(services.GetRequiredService<ICustomerReadModel>());
    }

    [Theory]
    [InlineData("Mongo", null, "Crm:ReadModel:Provider")]
    [InlineData("PostgreSql", null, "Crm:ReadModel:ConnectionString")]
    [InlineData("PostgreSql", "Host=;Port=x", "Crm:ReadModel:ConnectionString")]
    [InlineData("Sqlite", "Data Source=:memory:", "Crm:ReadModel:ConnectionString")]
    [InlineData("Sqlite", "Color=blue", "Crm:ReadModel:ConnectionString")]
    public void A_wrong_setting_fails_at_registration_naming_the_setting(string provider, string? connectionString, string setting)
    {
        var configuration = new Dictionary<string, string?> { ["Crm:ReadModel:Provider"] = provider, ["Crm:ReadModel:ConnectionString"] = connectionString };

        var error = Assert.Throws<InvalidOperationException>(() => Build(configuration));

        Assert.Contains(setting, error.Message);
    }

    private static ServiceProvider Build(Dictionary<string, string?> settings)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(settings).Build();
        return new ServiceCollection().AddCustomerReadModel(configuration).BuildServiceProvider();
    }
}
