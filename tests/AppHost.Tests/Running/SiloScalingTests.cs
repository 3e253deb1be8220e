using System.Collections.Concurrent;
using Aspire.Hosting;
using Aspire.Hosting.ApplicationModel;

namespace AppHost.Tests.Running;

/// <summary>Its own app: the test changes which silos run, which the other tests of a shared app would see.</summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class ScalingAppCollection : ICollectionFixture<RunningApp>
{
    public const string Name = "app being scaled";
}

/// <summary>An operator adds a silo and removes one, as the dashboard's Start and Stop do, while tenants keep writing.</summary>
[Collection(ScalingAppCollection.Name)]
public sealed class SiloScalingTests(RunningApp app)
{
    private const int Writers = 4;
    private const int WritesPerPhase = 40;
    private static readonly TimeSpan PhasePatience = TimeSpan.FromMinutes(2);

    [Fact]
    public async Task A_silo_added_and_one_removed_under_a_steady_stream_of_writes_fail_no_request_and_lose_no_write()
    {
        using var crm = new CrmCalls(app.Gateway);
        var apiKey = await crm.SignUpAsync("Scaling Ltd");
        var written = new ConcurrentDictionary<string, string>();
        var failures = new ConcurrentQueue<string>();
        using var stop = new CancellationTokenSource();
        var writers = Enumerable.Range(0, Writers).Select(w => Task.Run(async () =>
        {
            for (var n = 0; !stop.IsCancellationRequested; n++)
            {
                var name = $"writer {w} customer {n}";
                var (id, failure) = await crm.CreateCustomerAsync(apiKey, name);
                if (id is not null)
                    written[id] = name;
                else
                    failures.Enqueue($"{name}: {failure}");
            }
        })).ToArray();

        await WritesAsync(written, WritesPerPhase);
        await app.App.ResourceCommands.ExecuteCommandAsync("customer-silo-2", KnownResourceCommands.StartCommand);
        await app.Notifications.WaitForResourceHealthyAsync("customer-silo-2").WaitAsync(PhasePatience);
        await WritesAsync(written, written.Count + WritesPerPhase);

        await app.App.ResourceCommands.ExecuteCommandAsync("customer-silo-1", KnownResourceCommands.StopCommand);
        var stopped = await app.Notifications.WaitForResourceAsync("customer-silo-1",
            e => e.Snapshot.State?.Text is "Exited" or "Finished" or "FailedToStart").WaitAsync(PhasePatience);
        await WritesAsync(written, written.Count + WritesPerPhase);

        await stop.CancelAsync();
        await Task.WhenAll(writers);

        // Stopped as a service manager would: SIGTERM, a graceful shutdown, exit code 0 (a kill would be 137).
        Assert.Equal(0, stopped.Snapshot.ExitCode);
        Assert.True(failures.IsEmpty, $"{failures.Count} of {failures.Count + written.Count} writes failed, first: {failures.FirstOrDefault()}\n" +
            $"The GraphQL service logged:\n{app.Logs.FailuresOf("graphql")}\n" +
            $"The silos logged:\n{app.Logs.FailuresOf("customer-silo-1")}\n---\n{app.Logs.FailuresOf("customer-silo-2")}");
        foreach (var (id, name) in written)
            Assert.Equal(name, await crm.ReadNameAsync(apiKey, id));
    }

    /// <summary>Waits until the writers have stored <paramref name="count"/> customers in all.</summary>
    private static async Task WritesAsync(ConcurrentDictionary<string, string> written, int count)
    {
        var deadline = DateTime.UtcNow + PhasePatience;
        while (written.Count < count)
        {
            Assert.True(DateTime.UtcNow < deadline, $"the writers stored only {written.Count} of {count} customers within {PhasePatience}");
            await Task.Delay(50);
        }
    }
}
