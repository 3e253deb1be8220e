using Orleans.Concurrency;

namespace Crm.Contracts.Tenants.Directory;

/// <summary>
/// Which cell serves each tenant, and whether it is served at all. One grain (key <see cref="Key"/>) in the home cell's
/// cluster. A tenant it has never heard of lives in the home cell and is active: every tenant signed up before
/// cells existed keeps working without an entry. Each change raises <see cref="TenantDirectory.Version"/>, so a
/// gateway that polls fetches the directory only when it changed.
/// </summary>
[Alias("crm.tenant-directory")]
public interface ITenantDirectoryGrain : IGrainWithIntegerKey
{
    public const long Key = 0;

    /// <summary>The whole directory when its version is above <paramref name="knownVersion"/>; null when it is not.</summary>
    [Alias("get-if-newer"), ReadOnly]
    Task<TenantDirectory?> GetIfNewerAsync(long knownVersion);

    [Alias("suspend")]
    Task<TenantDirectory> SuspendAsync(string tenantId);

    [Alias("resume")]
    Task<TenantDirectory> ResumeAsync(string tenantId);

    /// <summary>Marks an active tenant as moving to <paramref name="targetCell"/>; gateways hold its requests until the move ends.</summary>
    [Alias("begin-move")]
    Task<TenantDirectory> BeginMoveAsync(string tenantId, string targetCell);

    /// <summary>The tenant is active in its target cell.</summary>
    [Alias("complete-move")]
    Task<TenantDirectory> CompleteMoveAsync(string tenantId);

    /// <summary>The move failed before it completed: the tenant is active again where it was.</summary>
    [Alias("abort-move")]
    Task<TenantDirectory> AbortMoveAsync(string tenantId);
}

/// <param name="HomeCell">Where a tenant without an entry lives.</param>
[GenerateSerializer, Immutable, Alias("crm.TenantDirectory")]
public sealed record TenantDirectory(
    [property: Id(0)] long Version,
    [property: Id(1)] string HomeCell,
    [property: Id(2)] IReadOnlyDictionary<string, TenantPlacement> Tenants)
{
    public TenantPlacement PlacementOf(string tenantId) => Tenants.GetValueOrDefault(tenantId) ?? new TenantPlacement(HomeCell, TenantStatus.Active);
}

/// <param name="Cell">The cell that holds the tenant's data now.</param>
/// <param name="TargetCell">While <see cref="TenantStatus.Moving"/>: where its data is going.</param>
[GenerateSerializer, Immutable, Alias("crm.TenantPlacement")]
public sealed record TenantPlacement(
    [property: Id(0)] string Cell,
    [property: Id(1)] TenantStatus Status,
    [property: Id(2)] string? TargetCell = null);

public enum TenantStatus
{
    Active,
    /// <summary>An operator stopped the tenant's access; its data stays.</summary>
    Suspended,
    /// <summary>Its data is being copied to another cell; gateways hold its requests.</summary>
    Moving,
}

/// <summary>A directory change that the tenant's current status does not allow (suspending a moving tenant, say).</summary>
[GenerateSerializer, Alias("crm.TenantDirectoryConflictException")]
public sealed class TenantDirectoryConflictException(string message) : Exception(message);
