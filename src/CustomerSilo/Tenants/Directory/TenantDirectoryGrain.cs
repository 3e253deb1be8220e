using Crm.Contracts.Tenants;
using Crm.Contracts.Tenants.Directory;

namespace Crm.CustomerSilo.Tenants.Directory;

/// <summary>
/// The tenant directory, in the home cell. Every change is written before it is answered, so a gateway that acts on
/// the answer (holding a moving tenant's requests) never acts on a change that could still be lost.
/// </summary>
public sealed class TenantDirectoryGrain(
    [PersistentState("tenant-directory")] IPersistentState<TenantDirectoryState> directory,
    IConfiguration configuration) : Grain, ITenantDirectoryGrain
{
    /// <summary>The cell this silo belongs to (Crm:Cell, set by the AppHost); the directory's silos are the home cell's.</summary>
    public const string CellKey = "Crm:Cell";
    public const string DefaultCell = "cell-1";

    private string HomeCell => configuration[CellKey] ?? DefaultCell;

    public Task<TenantDirectory?> GetIfNewerAsync(long knownVersion) =>
        Task.FromResult(directory.State.Version > knownVersion ? Snapshot() : null);

    public Task<TenantDirectory> SuspendAsync(string tenantId) => ChangeAsync(tenantId, current => current.Status switch
    {
        TenantStatus.Moving => throw Conflict(tenantId, "is moving; suspend it once the move has ended"),
        _ => current with { Status = TenantStatus.Suspended },
    });

    public Task<TenantDirectory> ResumeAsync(string tenantId) => ChangeAsync(tenantId, current => current.Status switch
    {
        TenantStatus.Moving => throw Conflict(tenantId, "is moving; it is active again once the move has ended"),
        _ => current with { Status = TenantStatus.Active },
    });

    public Task<TenantDirectory> BeginMoveAsync(string tenantId, string targetCell) => ChangeAsync(tenantId, current => current switch
    {
        { Status: not TenantStatus.Active } => throw Conflict(tenantId, $"is {current.Status.ToString().ToLowerInvariant()}; only an active tenant can move"),
        _ when current.Cell == targetCell => throw Conflict(tenantId, $"is already in {targetCell}"),
        _ => current with { Status = TenantStatus.Moving, TargetCell = targetCell },
    });

    public Task<TenantDirectory> CompleteMoveAsync(string tenantId) => ChangeAsync(tenantId, current => current switch
    {
        { Status: TenantStatus.Moving, TargetCell: { } target } => new TenantPlacement(target, TenantStatus.Active),
        _ => throw Conflict(tenantId, "is not moving"),
    });

    public Task<TenantDirectory> AbortMoveAsync(string tenantId) => ChangeAsync(tenantId, current => current switch
    {
        { Status: TenantStatus.Moving } => new TenantPlacement(current.Cell, TenantStatus.Active),
        _ => throw Conflict(tenantId, "is not moving"),
    });

    private async Task<TenantDirectory> ChangeAsync(string tenantId, Func<TenantPlacement, TenantPlacement> change)
    {
        if (!TenantIds.IsValid(tenantId))
            throw new ArgumentException($"'{tenantId}' is not a tenant id.", nameof(tenantId));
        var state = directory.State;
        var next = change(state.Tenants.GetValueOrDefault(tenantId) ?? new TenantPlacement(HomeCell, TenantStatus.Active));
        var previous = state.Tenants.GetValueOrDefault(tenantId);
        state.Tenants[tenantId] = next;
        state.Version++;
        try
        {
            await directory.WriteStateAsync();
        }
        catch
        {
            // The store did not take the change: forget it, so what this grain answers is what is durable.
            state.Version--;
            if (previous is null)
                state.Tenants.Remove(tenantId);
            else
                state.Tenants[tenantId] = previous;
            throw;
        }
        return Snapshot();
    }

    private TenantDirectory Snapshot() => new(directory.State.Version, HomeCell, new Dictionary<string, TenantPlacement>(directory.State.Tenants));

    private static TenantDirectoryConflictException Conflict(string tenantId, string why) => new($"Tenant '{tenantId}' {why}.");
}

[GenerateSerializer, Alias("crm.TenantDirectoryState")]
public sealed class TenantDirectoryState
{
    [Id(0)] public long Version { get; set; }
    [Id(1)] public Dictionary<string, TenantPlacement> Tenants { get; set; } = [];
}
