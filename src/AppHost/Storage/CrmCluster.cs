using Aspire.Hosting.Orleans;
using Crm.AppHost.Cli;

namespace Crm.AppHost.Storage;

/// <summary>
/// The Orleans cluster as an Aspire resource (<c>AddOrleans</c>): ids <c>crm</c>, and the providers of the storage mode.
/// A silo or a client joins it here, and here only does any process learn the cluster's environment.
/// </summary>
public sealed class CrmCluster
{
    public const string Id = "crm";

    private readonly OrleansService _orleans;
    private readonly ClusterStore _store;

    private CrmCluster(OrleansService orleans, ClusterStore store) => (_orleans, _store) = (orleans, store);

    /// <summary>The store's server (PostgreSQL or Azurite), started before any silo; null when the store is a file.</summary>
    public IResourceBuilder<IResource>? Server => _store.Server;

    public static CrmCluster Add(IDistributedApplicationBuilder builder, AppHostOptions options)
    {
        var store = StorageModes.For(builder, options);
        var orleans = builder.AddOrleans("cluster")
            .WithClusterId(Id)
            .WithServiceId(Id)
            .WithClustering(store.Clustering)
            .WithGrainStorage("Default", store.GrainStorage)
            .WithReminders(store.Reminders);
        return new CrmCluster(orleans, store);
    }

    /// <summary>
    /// A silo: membership, grain storage, reminders, silo and gateway ports of its own, and the customer read model
    /// (its customer grains write it).
    /// </summary>
    public IResourceBuilder<ProjectResource> Silo(IResourceBuilder<ProjectResource> project) => WithReadModel(Member(project.WithReference(_orleans)));

    /// <summary>A client: the cluster's ids and membership, to find the silos.</summary>
    public IResourceBuilder<ProjectResource> Client(IResourceBuilder<ProjectResource> project) => Member(project.WithReference(_orleans.AsClient()));

    /// <summary>The customer read model's store (<c>Crm__ReadModel__*</c>), for a service that reads or writes it.</summary>
    public IResourceBuilder<ProjectResource> WithReadModel(IResourceBuilder<ProjectResource> project)
    {
        if (_store.Server is { } server)
            project.WaitFor(server);
        return _store.ReadModel.ConfigureResource(project);
    }

    private IResourceBuilder<ProjectResource> Member(IResourceBuilder<ProjectResource> project)
    {
        // Silos advertise the machine's first network address unless told otherwise; everything here is loopback.
        project.WithEnvironment("Orleans__Endpoints__AdvertisedIPAddress", "127.0.0.1");
        if (_store.Server is { } server)
            project.WaitFor(server);
        return project;
    }
}
