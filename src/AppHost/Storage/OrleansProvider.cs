using Aspire.Hosting.ApplicationModel;
using Aspire.Hosting.Orleans;

namespace Crm.AppHost.Storage;

/// <summary>
/// One Orleans provider exactly as the cluster's configuration contract names it: <c>Orleans__{section}__ProviderType</c>,
/// <c>__ConnectionString</c>, for ADO.NET <c>__Invariant</c>, and any option the provider's builder reads from its
/// section (<paramref name="options"/>, such as <c>DeleteStateOnClear</c>).
/// </summary>
/// <remarks>
/// Aspire.Hosting.Orleans' own providers take the provider type from a connection-string resource's type name and pass
/// only a ServiceKey: they cannot say <c>Sqlite</c> (our provider library), and Orleans 10.4.2's ADO.NET providers ignore
/// the ServiceKey and need the connection string and invariant themselves. So the provider is ours, while AddOrleans
/// still owns the cluster and service ids and gives every silo its own silo and gateway ports.
/// </remarks>
public sealed class OrleansProvider(
    string providerType, string connectionString, string? invariant = null, IReadOnlyDictionary<string, string>? options = null) : IProviderConfiguration
{
    public void ConfigureResource<T>(IResourceBuilder<T> resourceBuilder, string configSectionPath) where T : IResourceWithEnvironment =>
        ConfigureUnder(resourceBuilder, $"Orleans__{configSectionPath.Replace(":", "__", StringComparison.Ordinal)}");

    /// <summary>The same variables under another prefix: the gateway reads each further cell's cluster from a section of its own.</summary>
    public void ConfigureUnder<T>(IResourceBuilder<T> resourceBuilder, string prefix) where T : IResourceWithEnvironment
    {
        resourceBuilder
            .WithEnvironment($"{prefix}__ProviderType", providerType)
            .WithEnvironment($"{prefix}__ConnectionString", connectionString);
        if (invariant is not null)
            resourceBuilder.WithEnvironment($"{prefix}__Invariant", invariant);
        foreach (var (name, value) in options ?? new Dictionary<string, string>())
            resourceBuilder.WithEnvironment($"{prefix}__{name}", value);
    }
}
