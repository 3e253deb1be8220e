using System.Net;
using Crm.AppHost.Health;
using Crm.AppHost.Networking;

namespace AppHost.Tests.Health;

public sealed class ReadinessWaiterTests
{
    private static readonly ReadinessSettings Fast = new(
        Timeout: TimeSpan.FromMinutes(1),
        PollInterval: TimeSpan.FromMilliseconds(20),
        RequestTimeout: TimeSpan.FromSeconds(10),
        ProgressInterval: TimeSpan.FromMinutes(5));

    [Fact]
    public async Task Waits_through_unavailable_answers_until_health_answers_200()
    {
        var port = PortAllocator.AllocateFree(1)[0];
        using var server = new HttpListener();
        server.Prefixes.Add($"http://127.0.0.1:{port}/");
        server.Start();
        var requests = 0;
        var serving = Task.Run(async () =>
        {
            while (true)
            {
                var context = await server.GetContextAsync();
                requests++;
                context.Response.StatusCode = requests < 3 ? 503 : 200;
                context.Response.Close();
                if (requests == 3)
                    return;
            }
        });
        using var http = ReadinessSettings.CreateHttpClient();

        var result = await new ReadinessWaiter(http, Fast).WaitAsync(new Uri($"http://127.0.0.1:{port}/health"), new TaskCompletionSource<int>().Task, _ => { }, CancellationToken.None);

        Assert.Equal(ReadinessOutcome.Ready, result.Outcome);
        await serving.WaitAsync(TimeSpan.FromSeconds(30));
        Assert.Equal(3, requests);
    }

    [Fact]
    public async Task A_process_that_exits_while_waited_for_ends_the_wait_with_its_exit_code()
    {
        var nobodyListens = new Uri($"http://127.0.0.1:{PortAllocator.AllocateFree(1)[0]}/health");
        var exited = new TaskCompletionSource<int>();
        using var http = ReadinessSettings.CreateHttpClient();

        var waiting = new ReadinessWaiter(http, Fast with { PollInterval = TimeSpan.FromMinutes(5) })
            .WaitAsync(nobodyListens, exited.Task, _ => { }, CancellationToken.None);
        exited.SetResult(42);
        var result = await waiting.WaitAsync(TimeSpan.FromSeconds(30));

        Assert.Equal(ReadinessOutcome.Exited, result.Outcome);
        Assert.Equal(42, result.ExitCode);
    }

    [Fact]
    public async Task Gives_up_after_the_timeout_reporting_progress_meanwhile()
    {
        var nobodyListens = new Uri($"http://127.0.0.1:{PortAllocator.AllocateFree(1)[0]}/health");
        using var http = ReadinessSettings.CreateHttpClient();
        var progress = new List<TimeSpan>();

        var result = await new ReadinessWaiter(http, Fast with { Timeout = TimeSpan.FromMilliseconds(600), ProgressInterval = TimeSpan.FromMilliseconds(150) })
            .WaitAsync(nobodyListens, new TaskCompletionSource<int>().Task, progress.Add, CancellationToken.None);

        Assert.Equal(ReadinessOutcome.TimedOut, result.Outcome);
        Assert.True(result.Elapsed >= TimeSpan.FromMilliseconds(600));
        Assert.NotEmpty(progress);
        Assert.All(progress, p => Assert.True(p >= TimeSpan.FromMilliseconds(150)));
    }

    [Fact]
    public async Task Cancelling_stops_the_wait()
    {
        var nobodyListens = new Uri($"http://127.0.0.1:{PortAllocator.AllocateFree(1)[0]}/health");
        using var http = ReadinessSettings.CreateHttpClient();
        using var cancel = new CancellationTokenSource(TimeSpan.FromMilliseconds(200));

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() =>
            new ReadinessWaiter(http, Fast).WaitAsync(nobodyListens, new TaskCompletionSource<int>().Task, _ => { }, cancel.Token));
    }
}
