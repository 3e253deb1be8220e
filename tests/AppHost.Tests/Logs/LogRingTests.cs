using Crm.AppHost.Logs;
using AppHost.Tests.Fakes;

namespace AppHost.Tests.Logs;

public sealed class LogRingTests
{
    [Fact]
    public void Fewer_lines_than_asked_returns_all_of_them_oldest_first()
    {
        var ring = new LogRing(5);
        ring.Add("a");
        ring.Add("b");

        Assert.Equal(["a", "b"], ring.Last(20));
    }

    [Fact]
    public void After_wrapping_only_the_newest_lines_remain_in_order()
    {
        var ring = new LogRing(3);
        foreach (var line in new[] { "1", "2", "3", "4", "5" })
            ring.Add(line);

        Assert.Equal(["3", "4", "5"], ring.Last(10));
        Assert.Equal(["4", "5"], ring.Last(2));
        Assert.Empty(ring.Last(0));
    }

    [Fact]
    public void Concurrent_writers_lose_no_slot()
    {
        var ring = new LogRing(1000);
        Parallel.For(0, 1000, i => ring.Add(i.ToString()));

        Assert.Equal(Enumerable.Range(0, 1000).Select(i => i.ToString()).Order(), ring.Last(1000).Order());
    }

    [Fact]
    public void A_ring_without_room_is_refused() => Assert.Throws<ArgumentOutOfRangeException>(() => new LogRing(0));

    [Fact]
    public void Resource_log_writes_the_file_and_keeps_the_previous_run_aside()
    {
        using var temp = new TempDirectory();
        using (var first = new ResourceLog(temp.Path, "graphql"))
            first.Write("first run");

        using var second = new ResourceLog(temp.Path, "graphql");
        second.Write("second run");

        Assert.Equal(["second run"], second.Recent.Last(5));
        Assert.Equal(temp.Combine("graphql.log"), second.FilePath);
        Assert.Equal(["second run"], File.ReadAllLines(second.FilePath));
        Assert.Equal(["first run"], File.ReadAllLines(temp.Combine("graphql.previous.log")));
    }
}
