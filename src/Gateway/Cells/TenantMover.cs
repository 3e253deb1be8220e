using System.Diagnostics;
using Crm.Contracts.Tenants.Archive;
using Crm.Contracts.Tenants.Directory;

namespace Crm.Gateway.Cells;

/// <summary>
/// Moves a tenant to another cell without failing a request: the directory marks it moving (this gateway holds its
/// new requests from that answer on), the requests already inside finish, its data is copied from the old cell to
/// the new, the directory marks it active in the new cell (the held requests go there), and the old cell's copy is
/// erased. A failure before the directory switches puts the tenant back, active where it was.
/// </summary>
public sealed class TenantMover(
    GatewayCells cells, ICellClients clients, ITenantDirectoryGrain directory, TenantDirectoryView view, ILogger<TenantMover> logger)
{
    /// <summary>How long the requests inside may take to finish; well under <see cref="CellRouting.HoldTimeout"/>.</summary>
    public static readonly TimeSpan DrainTimeout = TimeSpan.FromSeconds(10);

    public async Task<TenantMove> MoveAsync(string tenantId, string targetCell)
    {
        if (!cells.Contains(targetCell))
            throw new ArgumentException($"There is no cell '{targetCell}'. The cells are: {string.Join(", ", cells.All.Keys)}.", nameof(targetCell));
        var clock = Stopwatch.StartNew();
        var source = view.PlacementOf(tenantId).Cell;
        view.Apply(await directory.BeginMoveAsync(tenantId, targetCell));
        int customers;
        try
        {
            await view.DrainAsync(tenantId, DrainTimeout);
            var archive = await clients.ForCell(source).GetGrain<ITenantArchiveGrain>(tenantId).ExportAsync();
            await clients.ForCell(targetCell).GetGrain<ITenantArchiveGrain>(tenantId).ImportAsync(archive);
            customers = archive.Customers.Count;
        }
        catch (Exception e)
        {
            logger.LogError(e, "Moving tenant {Tenant} from {Source} to {Target} failed; it stays active in {Source}.", tenantId, source, targetCell, source);
            view.Apply(await directory.AbortMoveAsync(tenantId));
            throw;
        }
        view.Apply(await directory.CompleteMoveAsync(tenantId));
        var switched = clock.Elapsed;
        var held = view.TakePeakHeld(tenantId);

        // The new cell serves the tenant now; a failure here leaves an unused copy behind, never a broken tenant.
        string? eraseError = null;
        try
        {
            await clients.ForCell(source).GetGrain<ITenantArchiveGrain>(tenantId).EraseAsync();
        }
        catch (Exception e)
        {
            logger.LogError(e, "Tenant {Tenant} moved to {Target}, but erasing its old copy in {Source} failed.", tenantId, targetCell, source);
            eraseError = e.Message;
        }
        logger.LogInformation("Moved tenant {Tenant} from {Source} to {Target}: {Customers} customers, {Held} requests held at most, switched after {Switched} ms.",
            tenantId, source, targetCell, customers, held, (long)switched.TotalMilliseconds);
        return new TenantMove(tenantId, source, targetCell, customers, held, (long)switched.TotalMilliseconds, (long)clock.Elapsed.TotalMilliseconds, eraseError);
    }
}

/// <param name="PeakHeldRequests">The most requests of the tenant this gateway held at once while the data was copied.</param>
/// <param name="SwitchedAfterMs">From the start until the tenant was active in the target cell (its requests were held this long at most).</param>
/// <param name="EraseError">Why the old cell still has a copy, when erasing it failed.</param>
public sealed record TenantMove(
    string TenantId, string FromCell, string ToCell, int Customers, int PeakHeldRequests, long SwitchedAfterMs, long TotalMs, string? EraseError);
