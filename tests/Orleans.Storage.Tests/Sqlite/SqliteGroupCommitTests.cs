using System.Collections.Concurrent;
using System.Diagnostics.Metrics;
using Microsoft.Data.Sqlite;
using Orleans.Runtime;
using Orleans.Sqlite;
using Orleans.Storage.Tests.Contracts;
using Orleans.Storage.Tests.Harness;

namespace Orleans.Storage.Tests.Sqlite;

/// <summary>The SQLite grain storage commits concurrent writes together, and acknowledges none before its commit.</summary>
public sealed class SqliteGroupCommitTests(SqliteBackend backend) : IClassFixture<SqliteBackend>
{
    [Fact]
    public async Task Writes_queued_behind_another_writer_are_committed_together_and_acknowledged_only_after()
    {
        var provider = "grouped-" + Guid.NewGuid().ToString("N");
        await using var silo = ConfiguredHost.Silo(provider, backend.Settings(provider));
        var storage = await silo.GrainStorageAsync(provider);
        var batches = new ConcurrentQueue<int>();
        using var listener = BatchSizes(provider, batches);
        const int writes = 100;
        List<Task> pending;

        // Another process holds the file's write lock while the grains write.
        using (var other = new SqliteConnection(backend.ConnectionString))
        {
            other.Open();
            using var transaction = other.BeginTransaction(deferred: false);
            pending = Enumerable.Range(0, writes)
                .Select(i => storage.WriteStateAsync("profile", GrainId.Create("profile-grain", "g" + i), new ProfileState(new Profile { Visits = i })))
                .ToList();

            Assert.All(pending, write => Assert.False(write.IsCompleted, "a write was acknowledged before it could be committed"));
            transaction.Rollback();
        }
        await Task.WhenAll(pending);

        // The writer had taken at most one write before it blocked; all the others waited and went in one transaction.
        Assert.Equal(writes, batches.Sum());
        Assert.InRange(batches.Count, 1, 2);
    }

    private static MeterListener BatchSizes(string provider, ConcurrentQueue<int> batches)
    {
        var listener = new MeterListener
        {
            InstrumentPublished = (instrument, l) =>
            {
                // Names, not the instrument: this runs while the instrument is being created.
                if (instrument.Meter.Name == SqliteTelemetry.MeterName && instrument.Name == SqliteTelemetry.GrainStorageBatchSizeName)
                    l.EnableMeasurementEvents(instrument);
            },
        };
        listener.SetMeasurementEventCallback<int>((_, size, tags, _) =>
        {
            foreach (var tag in tags)
                if (tag.Key == "provider" && Equals(tag.Value, provider))
                    batches.Enqueue(size);
        });
        listener.Start();
        return listener;
    }
}
