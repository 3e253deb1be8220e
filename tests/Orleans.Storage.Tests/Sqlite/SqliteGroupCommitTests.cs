using System.Collections.Concurrent;
using System.Diagnostics.Metrics;
using Microsoft.Data.Sqlite;
using Orleans.Runtime;
using Orleans.Sqlite;
using Orleans.Storage.Tests.Contracts;
using Orleans.Storage.Tests.Harness;

namespace Orleans.Storage.Tests.Sqlite;

/// <summary>
/// The SQLite grain storage and reminder table commit concurrent writes together, and acknowledge none before its commit.
/// </summary>
public sealed class SqliteGroupCommitTests(SqliteBackend backend) : IClassFixture<SqliteBackend>
{
    [Fact]
    public async Task Writes_queued_behind_another_writer_are_committed_together_and_acknowledged_only_after()
    {
        var provider = "grouped-" + Guid.NewGuid().ToString("N");
        await using var silo = ConfiguredHost.Silo(provider, backend.Settings(provider));
        var storage = await silo.GrainStorageAsync(provider);
        var batches = new ConcurrentQueue<int>();
        using var listener = BatchSizes(SqliteTelemetry.GrainStorageBatchSizeName, "provider", provider, batches);
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

    [Fact]
    public async Task Reminders_set_while_another_writer_holds_the_file_are_stored_together_and_acknowledged_only_after()
    {
        var service = "reminders-grouped-" + Guid.NewGuid().ToString("N");
        await using var silo = ConfiguredHost.Silo(service, backend.Settings());
        var table = await silo.ReminderTableAsync();
        var batches = new ConcurrentQueue<int>();
        using var listener = BatchSizes(SqliteTelemetry.ReminderBatchSizeName, "service", service, batches);
        const int reminders = 100;
        List<Task<string?>> pending;

        using (var other = new SqliteConnection(backend.ConnectionString))
        {
            other.Open();
            using var transaction = other.BeginTransaction(deferred: false);
            pending = Enumerable.Range(0, reminders)
                .Select(i => table.UpsertRow(new ReminderEntry
                {
                    GrainId = GrainId.Create("ticking", "g" + i),
                    ReminderName = "silence",
                    StartAt = DateTime.UtcNow.AddDays(90),
                    Period = TimeSpan.FromDays(1),
                }))
                .ToList();

            // Let the writer reach the lock: a reminder acknowledged now would not be on disk.
            await Task.Delay(200);
            Assert.All(pending, upsert => Assert.False(upsert.IsCompleted, "a reminder was acknowledged before it could be committed"));
            transaction.Rollback();
        }
        var etags = await Task.WhenAll(pending);

        Assert.Equal(reminders, etags.Distinct().Count());
        Assert.Equal(reminders, batches.Sum());
        Assert.InRange(batches.Count, 1, 2);
        for (var i = 0; i < reminders; i++)
            Assert.Equal(etags[i], (await table.ReadRow(GrainId.Create("ticking", "g" + i), "silence"))?.ETag);
    }

    private static MeterListener BatchSizes(string instrumentName, string tagName, string tagValue, ConcurrentQueue<int> batches)
    {
        var listener = new MeterListener
        {
            InstrumentPublished = (instrument, l) =>
            {
                // Names, not the instrument: this runs while the instrument is being created.
                if (instrument.Meter.Name == SqliteTelemetry.MeterName && instrument.Name == instrumentName)
                    l.EnableMeasurementEvents(instrument);
            },
        };
        listener.SetMeasurementEventCallback<int>((_, size, tags, _) =>
        {
            foreach (var tag in tags)
                if (tag.Key == tagName && Equals(tag.Value, tagValue))
                    batches.Enqueue(size);
        });
        listener.Start();
        return listener;
    }
}
