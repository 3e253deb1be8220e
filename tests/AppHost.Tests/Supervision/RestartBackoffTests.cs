using Crm.AppHost.Supervision;

namespace AppHost.Tests.Supervision;

public sealed class RestartBackoffTests
{
    private static readonly TimeSpan Quick = TimeSpan.FromSeconds(1);

    [Fact]
    public void Delays_double_up_to_the_maximum()
    {
        var backoff = new RestartBackoff(TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(10), TimeSpan.FromMinutes(1));

        var delays = Enumerable.Range(0, 6).Select(_ => backoff.NextDelay(Quick).TotalSeconds).ToArray();

        Assert.Equal([1, 2, 4, 8, 10, 10], delays);
        Assert.Equal(6, backoff.ConsecutiveCrashes);
    }

    [Fact]
    public void A_run_that_lasted_past_the_stable_window_starts_the_delays_over()
    {
        var backoff = new RestartBackoff(TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(30), TimeSpan.FromMinutes(1));
        backoff.NextDelay(Quick);
        backoff.NextDelay(Quick);

        Assert.Equal(TimeSpan.FromSeconds(1), backoff.NextDelay(TimeSpan.FromMinutes(5)));
        Assert.Equal(1, backoff.ConsecutiveCrashes);
    }
}
