using Aspire.Hosting.ApplicationModel;

namespace Crm.AppHost.Storage;

/// <summary>
/// The store of one storage mode: the Orleans providers for membership, grain state and reminders, the customer read
/// model's store, and the server resource the services wait for (none for SQLite).
/// </summary>
public sealed record ClusterStore(
    OrleansProvider Clustering,
    OrleansProvider GrainStorage,
    OrleansProvider Reminders,
    ReadModelStore ReadModel,
    IResourceBuilder<IResource>? Server);
