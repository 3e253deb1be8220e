using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace Orleans.Sqlite.Hosting;

/// <summary>Reads a provider's configuration section the way Orleans' own ADO.NET providers do.</summary>
internal static class ProviderConfiguration
{
    /// <summary>
    /// The section's <c>ConnectionString</c>, else the connection string named by its <c>ConnectionName</c>
    /// (<c>ConnectionStrings:NAME</c>, as Aspire sets it), else null.
    /// </summary>
    public static string? ConnectionString(IConfigurationSection section, IServiceProvider services)
    {
        if (section["ConnectionString"] is { Length: > 0 } connectionString)
            return connectionString;
        return section["ConnectionName"] is { Length: > 0 } connectionName
            ? services.GetRequiredService<IConfiguration>().GetConnectionString(connectionName)
            : null;
    }
}
