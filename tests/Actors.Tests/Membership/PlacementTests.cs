using Actors.Invocation;
using Actors.Membership;
using Actors.Placement;

namespace Actors.Tests.Membership;

public sealed class PlacementTests
{
    private static ClusterView View(params int[] ports) => new(new MembershipSnapshot(1,
        ports.Select(p => new SiloEntry(new SiloAddress("127.0.0.1", p, 1), SiloStatus.Active, DateTimeOffset.UtcNow, DateTimeOffset.UtcNow)).ToList()));

    private static readonly ActorId[] Keys = Enumerable.Range(0, 3000).Select(i => new ActorId("K", $"tenant/{i}")).ToArray();

    [Fact]
    public void Every_process_with_the_same_view_picks_the_same_owner()
    {
        var a = View(1, 2, 3);
        var b = View(3, 1, 2);
        Assert.All(Keys, k => Assert.Equal(a.OwnerOf(k), b.OwnerOf(k)));
    }

    [Fact]
    public void Keys_spread_evenly_over_silos()
    {
        var view = View(1, 2, 3);
        var counts = Keys.GroupBy(k => view.OwnerOf(k)!.Value.Port).Select(g => g.Count()).ToList();
        Assert.Equal(3, counts.Count);
        Assert.All(counts, c => Assert.InRange(c, 800, 1200));
    }

    [Fact]
    public void When_a_silo_leaves_only_its_keys_move()
    {
        var before = View(1, 2, 3);
        var after = View(1, 3);
        foreach (var key in Keys)
        {
            var owner = before.OwnerOf(key)!.Value;
            if (owner.Port != 2)
                Assert.Equal(owner, after.OwnerOf(key));
        }
    }

    [Fact]
    public void When_a_silo_joins_keys_move_only_to_it()
    {
        var before = View(1, 2, 3);
        var after = View(1, 2, 3, 4);
        var moved = 0;
        foreach (var key in Keys)
        {
            var owner = after.OwnerOf(key)!.Value;
            if (owner != before.OwnerOf(key))
            {
                Assert.Equal(4, owner.Port);
                moved++;
            }
        }
        Assert.InRange(moved, 500, 1000);
    }

    [Fact]
    public void Only_active_silos_own_keys_and_exclusions_are_honoured()
    {
        var snapshot = new MembershipSnapshot(1, [
            new SiloEntry(new SiloAddress("127.0.0.1", 1, 1), SiloStatus.Active, DateTimeOffset.UtcNow, DateTimeOffset.UtcNow),
            new SiloEntry(new SiloAddress("127.0.0.1", 2, 1), SiloStatus.ShuttingDown, DateTimeOffset.UtcNow, DateTimeOffset.UtcNow),
            new SiloEntry(new SiloAddress("127.0.0.1", 3, 1), SiloStatus.Dead, DateTimeOffset.UtcNow, DateTimeOffset.UtcNow)]);
        var view = new ClusterView(snapshot);

        Assert.All(Keys.Take(50), k => Assert.Equal(1, view.OwnerOf(k)!.Value.Port));
        Assert.Null(view.OwnerOf(Keys[0], s => s.Port == 1));
    }
}
