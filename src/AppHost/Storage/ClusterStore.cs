using Aspire.Hosting.ApplicationModel;

namespace Crm.AppHost.Storage;

/// <summary>
/// The store of one storage mode: the Orleans providers for membership, grain state and reminders, the server
/// resource the silos wait for (none for SQLite), and the variables of the in-house actor runtime.
/// </summary>
/// <param name="InHouseRuntime">
/// What the in-house runtime (src/Actors) reads until the services run on Orleans. When they do, this parameter and
/// every line that fills it go, and nothing else changes.
/// </param>
public sealed record ClusterStore(
    OrleansProvider Clustering,
    OrleansProvider GrainStorage,
    OrleansProvider Reminders,
    IResourceBuilder<IResource>? Server,
    IReadOnlyDictionary<string, string> InHouseRuntime);
