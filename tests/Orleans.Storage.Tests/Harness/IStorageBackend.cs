using Microsoft.Extensions.Hosting;

namespace Orleans.Storage.Tests.Harness;

/// <summary>
/// A store the providers run against (a SQLite file, a PostgreSQL database, Azurite), started by its xunit fixture.
/// It says how to reach it in the words the services use: the Orleans configuration section.
/// </summary>
public interface IStorageBackend
{
    /// <summary>
    /// Orleans:Clustering, Orleans:Reminders and Orleans:GrainStorage:NAME settings (full keys, e.g.
    /// "Orleans:Clustering:ProviderType") for each of <paramref name="grainStorageNames"/>.
    /// </summary>
    IReadOnlyDictionary<string, string?> Settings(params string[] grainStorageNames);

    /// <summary>
    /// Makes grain storage <paramref name="name"/> delete a state's row when it is cleared: in its configuration
    /// section where the provider's builder reads DeleteStateOnClear, else in code.
    /// </summary>
    void DeleteStateOnClear(HostApplicationBuilder builder, string name);
}
