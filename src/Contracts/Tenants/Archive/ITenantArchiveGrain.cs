namespace Crm.Contracts.Tenants.Archive;

/// <summary>
/// A tenant's data taken out of a cell as one record, and put into another (a move), keyed by tenant id. Runs in
/// the cell's silos; a caller picks the cell by the cluster client it calls through.
/// </summary>
[Alias("crm.tenant-archive")]
public interface ITenantArchiveGrain : IGrainWithStringKey
{
    /// <summary>Everything of the tenant this cell holds (see <see cref="TenantArchive"/> for what that is).</summary>
    [Alias("export")]
    Task<TenantArchive> ExportAsync();

    /// <summary>Writes the archive's data into this cell, over whatever of the tenant's data is there.</summary>
    [Alias("import")]
    Task ImportAsync(TenantArchive archive);

    /// <summary>Deletes the tenant's data from this cell (after a move: the copy in the target cell is the live one).</summary>
    [Alias("erase")]
    Task EraseAsync();
}

/// <summary>
/// One tenant's data: its tenant-wide grains by part name (<see cref="TenantPart"/>: registration and settings; users, invitations and
/// API-key hashes; metered usage; segments; persisted documents; analytics) and every customer's full state. States travel as the silo's
/// own serialized form (Orleans' serializer, the form grain storage keeps), so a field added to a state later travels
/// too without a second format to keep up. Not in it: import jobs (their results are customers, which are) and the
/// campaign service's data (its own store, not the cell's).
/// </summary>
[GenerateSerializer, Immutable, Alias("crm.TenantArchive")]
public sealed record TenantArchive(
    [property: Id(0)] string TenantId,
    [property: Id(1)] IReadOnlyDictionary<string, byte[]> Parts,
    [property: Id(2)] IReadOnlyList<ArchivedCustomer> Customers)
{
    /// <summary>The part every archive has: the tenant grain's state.</summary>
    public const string TenantPart = "tenant";
}

[GenerateSerializer, Immutable, Alias("crm.ArchivedCustomer")]
public sealed record ArchivedCustomer(
    [property: Id(0)] string CustomerId,
    [property: Id(1)] byte[] State);
