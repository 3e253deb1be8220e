using Actors.Hosting;
using Actors.Membership;

namespace Actors.Tests.Membership;

public sealed class ProbeRingTests
{
    private static List<SiloAddress> Silos(int count) =>
        Enumerable.Range(0, count).Select(i => new SiloAddress("127.0.0.1", 40000 + i, 1000 + i)).ToList();

    [Theory]
    [InlineData(2, 3, 1)]
    [InlineData(3, 3, 2)]
    [InlineData(4, 3, 3)]
    [InlineData(10, 3, 3)]
    [InlineData(10, 1, 1)]
    public void Every_silo_is_probed_by_the_same_number_of_others_and_never_by_itself(int count, int probed, int expected)
    {
        var silos = Silos(count);
        var probers = silos.ToDictionary(s => s, _ => 0);
        foreach (var silo in silos)
        {
            var targets = SiloProber.Successors(silos, silo, probed);
            Assert.Equal(expected, targets.Count);
            Assert.DoesNotContain(silo, targets);
            Assert.Equal(targets.Count, targets.Distinct().Count());
            foreach (var target in targets)
                probers[target]++;
        }
        Assert.All(probers.Values, n => Assert.Equal(expected, n));
    }

    [Fact]
    public void The_ring_does_not_depend_on_the_order_a_process_lists_the_silos_in()
    {
        var silos = Silos(6);
        var reversed = Enumerable.Reverse(silos).ToList();
        Assert.All(silos, s => Assert.Equal(SiloProber.Successors(silos, s, 3), SiloProber.Successors(reversed, s, 3)));
        Assert.Empty(SiloProber.Successors(silos, new SiloAddress("127.0.0.1", 1, 1), 3)); // not Active: probes nobody
    }

    [Theory]
    [InlineData(2, 2, 3, 1)] // two silos: the one left decides alone
    [InlineData(3, 2, 3, 2)]
    [InlineData(10, 2, 3, 2)]
    [InlineData(10, 5, 3, 3)] // never more votes than silos probing the suspect
    [InlineData(3, 5, 3, 2)]
    [InlineData(1, 2, 3, 1)]
    public void Votes_needed_to_declare_a_silo_dead(int active, int votesForDeath, int probedSilos, int expected) =>
        Assert.Equal(expected, new MembershipOptions { VotesForDeath = votesForDeath, ProbedSilos = probedSilos }.VotesNeeded(active));
}
