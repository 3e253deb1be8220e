using Crm.Contracts.Tenants;
using Crm.Contracts.Tenants.Directory;

namespace CustomerSilo.Tests.Tenants;

public sealed class TenantDirectoryGrainTests(CrmCluster crm) : IClassFixture<CrmCluster>
{
    private ITenantDirectoryGrain Directory => crm.Cluster.Client.GetGrain<ITenantDirectoryGrain>(ITenantDirectoryGrain.Key);

    [Fact]
    public async Task A_tenant_it_has_never_heard_of_is_active_in_the_home_cell()
    {
        var directory = await Directory.SuspendAsync(TenantIds.New());

        Assert.Equal(new TenantPlacement("cell-1", TenantStatus.Active), directory.PlacementOf(TenantIds.New()));
    }

    [Fact]
    public async Task Suspending_and_resuming_raise_the_version_and_a_poll_at_the_latest_version_gets_nothing()
    {
        var tenantId = TenantIds.New();

        var suspended = await Directory.SuspendAsync(tenantId);
        var resumed = await Directory.ResumeAsync(tenantId);

        Assert.Equal(TenantStatus.Suspended, suspended.PlacementOf(tenantId).Status);
        Assert.Equal(TenantStatus.Active, resumed.PlacementOf(tenantId).Status);
        Assert.True(resumed.Version > suspended.Version);
        Assert.Null(await Directory.GetIfNewerAsync(resumed.Version));
        Assert.Equal(resumed.Version, (await Directory.GetIfNewerAsync(suspended.Version))!.Version);
    }

    [Fact]
    public async Task A_move_marks_the_tenant_moving_and_completing_it_makes_it_active_in_the_target_cell()
    {
        var tenantId = TenantIds.New();

        var moving = await Directory.BeginMoveAsync(tenantId, "cell-2");

        Assert.Equal(new TenantPlacement("cell-1", TenantStatus.Moving, "cell-2"), moving.PlacementOf(tenantId));
        // A moving tenant can neither be suspended nor moved again until the move ends.
        await Assert.ThrowsAsync<TenantDirectoryConflictException>(() => Directory.SuspendAsync(tenantId));
        await Assert.ThrowsAsync<TenantDirectoryConflictException>(() => Directory.BeginMoveAsync(tenantId, "cell-3"));

        var moved = await Directory.CompleteMoveAsync(tenantId);

        Assert.Equal(new TenantPlacement("cell-2", TenantStatus.Active), moved.PlacementOf(tenantId));
    }

    [Fact]
    public async Task An_aborted_move_leaves_the_tenant_active_where_it_was_and_a_suspended_tenant_cannot_move()
    {
        var tenantId = TenantIds.New();
        await Directory.BeginMoveAsync(tenantId, "cell-2");

        var aborted = await Directory.AbortMoveAsync(tenantId);

        Assert.Equal(new TenantPlacement("cell-1", TenantStatus.Active), aborted.PlacementOf(tenantId));
        await Directory.SuspendAsync(tenantId);
        var refused = await Assert.ThrowsAsync<TenantDirectoryConflictException>(() => Directory.BeginMoveAsync(tenantId, "cell-2"));
        Assert.Contains("only an active tenant can move", refused.Message);
    }

    [Fact]
    public async Task The_directory_survives_its_grain_being_deactivated()
    {
        var tenantId = TenantIds.New();
        var before = await Directory.SuspendAsync(tenantId);

        await crm.Cluster.DeactivateAsync(Directory);

        Assert.Equal(TenantStatus.Suspended, (await Directory.GetIfNewerAsync(0))!.PlacementOf(tenantId).Status);
        Assert.True((await Directory.GetIfNewerAsync(0))!.Version >= before.Version);
    }
}
