using Crm.Contracts.Tenants;
using Crm.Contracts.Tenants.Archive;
using Crm.Contracts.Tenants.Directory;
using Crm.Gateway.Cells;
using Crm.Tests.Shared;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Logging.Abstractions;

namespace Gateway.Tests.Cells;

public sealed class TenantMoverTests
{
    private readonly string _tenantId = TenantIds.New();
    private readonly FakeTenantDirectory _directory = new();
    private readonly Dictionary<string, FakeArchives> _cells = new() { ["cell-1"] = new(), ["cell-2"] = new() };
    private readonly TenantDirectoryView _view;
    private readonly TenantMover _mover;

    public TenantMoverTests()
    {
        var cells = GatewayCells.From(new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Services:graphql:http:0"] = "http://127.0.0.1:1",
            ["Services:graphql-cell-2:http:0"] = "http://127.0.0.1:2",
            ["Gateway:Cells:cell-2:GraphQL"] = "graphql-cell-2",
            ["Gateway:Cells:cell-2:Orleans:ClusterId"] = "crm-cell-2",
        }).Build());
        _view = new TenantDirectoryView(cells);
        _mover = new TenantMover(cells, new Clients(_cells, _view), _directory, _view, NullLogger<TenantMover>.Instance);
    }

    [Fact]
    public async Task A_move_copies_the_archive_switches_the_directory_and_erases_the_old_copy()
    {
        _cells["cell-1"].Held = new TenantArchive(_tenantId, new Dictionary<string, byte[]> { [TenantArchive.TenantPart] = [1] },
            [new ArchivedCustomer("c1", [2]), new ArchivedCustomer("c2", [3])]);

        var move = await _mover.MoveAsync(_tenantId, "cell-2");

        Assert.Equal(("cell-1", "cell-2", 2, (string?)null), (move.FromCell, move.ToCell, move.Customers, move.EraseError));
        Assert.Same(_cells["cell-1"].Held, _cells["cell-2"].Imported);
        Assert.True(_cells["cell-1"].Erased);
        Assert.Equal(new TenantPlacement("cell-2", TenantStatus.Active), _view.PlacementOf(_tenantId));
    }

    [Fact]
    public async Task A_failed_copy_leaves_the_tenant_active_where_it_was_with_its_data()
    {
        _cells["cell-1"].Held = new TenantArchive(_tenantId, new Dictionary<string, byte[]>(), []);
        _cells["cell-2"].ImportFails = true;

        await Assert.ThrowsAsync<InvalidOperationException>(() => _mover.MoveAsync(_tenantId, "cell-2"));

        Assert.Equal(new TenantPlacement("cell-1", TenantStatus.Active), _view.PlacementOf(_tenantId));
        Assert.False(_cells["cell-1"].Erased);
    }

    [Fact]
    public async Task A_move_to_a_cell_the_gateway_does_not_know_is_refused_before_anything_changes()
    {
        var refused = await Assert.ThrowsAsync<ArgumentException>(() => _mover.MoveAsync(_tenantId, "cell-9"));

        Assert.Contains("cell-1, cell-2", refused.Message);
        Assert.Equal(0, _directory.Current.Version);
    }

    private sealed class Clients(Dictionary<string, FakeArchives> cells, TenantDirectoryView view) : ICellClients
    {
        public IGrainFactory ForCell(string cell) => FakeGrainFactory.Create((_, _) => cells[cell]);
        public IGrainFactory ForTenant(string tenantId) => ForCell(view.PlacementOf(tenantId).Cell);
    }

    private sealed class FakeArchives : ITenantArchiveGrain
    {
        public TenantArchive? Held;
        public TenantArchive? Imported;
        public bool ImportFails;
        public bool Erased;

        public Task<TenantArchive> ExportAsync() => Task.FromResult(Held ?? throw new InvalidOperationException("nothing to export"));

        public Task ImportAsync(TenantArchive archive)
        {
            if (ImportFails)
                throw new InvalidOperationException("the target cell's store is down");
            Imported = archive;
            return Task.CompletedTask;
        }

        public Task EraseAsync()
        {
            Erased = true;
            return Task.CompletedTask;
        }
    }
}
