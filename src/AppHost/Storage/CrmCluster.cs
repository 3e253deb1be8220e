using Aspire.Hosting.Orleans;
using Crm.AppHost.Cli;

namespace Crm.AppHost.Storage;

/// <summary>
/// The Orleans cluster of one cell as an Aspire resource (<c>AddOrleans</c>), and the providers of the storage mode.
/// The home cell (<c>cell-1</c>) is the cluster the system always had: ids <c>crm</c>, its store in the data folder.
/// A further cell <c>cell-N</c> has ids <c>crm-cell-N</c> and its store in <c>&lt;data&gt;/cells/cell-N/</c>. A silo or a
/// client joins it here, and here only does any process learn the cluster's environment, and which cell it is in
/// (<c>Crm__Cell</c>).
/// </summary>
public sealed class CrmCluster
{
    public const string Id = "crm";
    public const string HomeCell = "cell-1";

    private readonly OrleansService _orleans;
    private readonly ClusterStore _store;
    private readonly string _clusterId;

    private CrmCluster(string cell, string clusterId, OrleansService orleans, ClusterStore store) =>
        (Cell, _clusterId, _orleans, _store) = (cell, clusterId, orleans, store);

    /// <summary>The cell's name: <c>cell-1</c>, <c>cell-2</c>, …</summary>
    public string Cell { get; }

    public bool IsHome => Cell == HomeCell;

    public static string CellName(int number) => $"cell-{number}";

    /// <summary>A resource name of the cell: the home cell's keep the names they always had.</summary>
    public string Name(string resource) => IsHome ? resource : $"{resource}-{Cell}";

    /// <summary>The store's server (PostgreSQL or Azurite), started before any silo; null when the store is a file.</summary>
    public IResourceBuilder<IResource>? Server => _store.Server;

    public static CrmCluster Add(IDistributedApplicationBuilder builder, AppHostOptions options) => Add(builder, HomeCell, Id, StorageModes.For(builder, options));

    /// <summary>A further cell, number 2 and up: SQLite only, its files under <c>&lt;data&gt;/cells/cell-N/</c>.</summary>
    public static CrmCluster AddCell(IDistributedApplicationBuilder builder, AppHostOptions options, int number)
    {
        var cell = CellName(number);
        var folder = Directory.CreateDirectory(Path.Combine(options.DataDirectory, "cells", cell)).FullName;
        return Add(builder, cell, $"{Id}-{cell}", StorageModes.Sqlite(folder));
    }

    private static CrmCluster Add(IDistributedApplicationBuilder builder, string cell, string clusterId, ClusterStore store)
    {
        var orleans = builder.AddOrleans(cell == HomeCell ? "cluster" : $"cluster-{cell}")
            .WithClusterId(clusterId)
            .WithServiceId(clusterId)
            .WithClustering(store.Clustering)
            .WithGrainStorage("Default", store.GrainStorage)
            .WithReminders(store.Reminders);
        return new CrmCluster(cell, clusterId, orleans, store);
    }

    /// <summary>
    /// Tells the gateway about this further cell: its GraphQL service (to route to) and its cluster (to call its
    /// grains), as <c>Gateway__Cells__&lt;cell&gt;__GraphQL</c> and <c>Gateway__Cells__&lt;cell&gt;__Orleans__*</c>.
    /// </summary>
    public IResourceBuilder<ProjectResource> AsCellOf(IResourceBuilder<ProjectResource> gateway, IResourceBuilder<ProjectResource> graphql)
    {
        var prefix = $"Gateway__Cells__{Cell}";
        gateway.WithReference(graphql).WaitFor(graphql)
            .WithEnvironment($"{prefix}__GraphQL", graphql.Resource.Name)
            .WithEnvironment($"{prefix}__Orleans__ClusterId", _clusterId)
            .WithEnvironment($"{prefix}__Orleans__ServiceId", _clusterId);
        _store.Clustering.ConfigureUnder(gateway, $"{prefix}__Orleans__Clustering");
        return gateway;
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
        project.WithEnvironment("Orleans__Endpoints__AdvertisedIPAddress", "127.0.0.1")
            .WithEnvironment("Crm__Cell", Cell);
        if (_store.Server is { } server)
            project.WaitFor(server);
        return project;
    }
}
