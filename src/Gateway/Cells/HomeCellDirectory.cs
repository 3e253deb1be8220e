using Crm.Contracts.Tenants.Directory;

namespace Crm.Gateway.Cells;

/// <summary>
/// The directory grain of the home cell, looked up on each call: an Orleans client can only make a grain reference
/// once it has connected and learned the cluster's grain types, which is after the gateway's services are built.
/// </summary>
public sealed class HomeCellDirectory(IClusterClient home) : ITenantDirectoryGrain
{
    private ITenantDirectoryGrain Grain => home.GetGrain<ITenantDirectoryGrain>(ITenantDirectoryGrain.Key);

    public Task<TenantDirectory?> GetIfNewerAsync(long knownVersion) => Grain.GetIfNewerAsync(knownVersion);

    public Task<TenantDirectory> SuspendAsync(string tenantId) => Grain.SuspendAsync(tenantId);

    public Task<TenantDirectory> ResumeAsync(string tenantId) => Grain.ResumeAsync(tenantId);

    public Task<TenantDirectory> BeginMoveAsync(string tenantId, string targetCell) => Grain.BeginMoveAsync(tenantId, targetCell);

    public Task<TenantDirectory> CompleteMoveAsync(string tenantId) => Grain.CompleteMoveAsync(tenantId);

    public Task<TenantDirectory> AbortMoveAsync(string tenantId) => Grain.AbortMoveAsync(tenantId);
}
