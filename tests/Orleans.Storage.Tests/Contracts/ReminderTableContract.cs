using Orleans.Runtime;
using Orleans.Storage.Tests.Harness;

namespace Orleans.Storage.Tests.Contracts;

/// <summary>
/// What Orleans' reminder service relies on from an <see cref="IReminderTable"/>: each silo reads the reminders of
/// its range of the hash ring (a range that may wrap around), every upsert returns a new ETag, and a remove applies
/// only with the current one. Each test uses a service id of its own.
/// </summary>
public abstract class ReminderTableContract<TBackend>(TBackend backend) : IAsyncLifetime
    where TBackend : IStorageBackend
{
    private ConfiguredHost _silo = null!;
    private IReminderTable _table = null!;

    public async Task InitializeAsync()
    {
        _silo = ConfiguredHost.Silo("reminders-" + Guid.NewGuid().ToString("N"), backend.Settings());
        _table = await _silo.ReminderTableAsync();
    }

    public async Task DisposeAsync() => await _silo.DisposeAsync();

    [Fact]
    public async Task An_upserted_reminder_reads_back_with_its_etag()
    {
        var reminder = NewReminder(NewGrain(), "a/b\\#c?");

        var etag = await _table.UpsertRow(reminder);

        var read = await _table.ReadRow(reminder.GrainId, reminder.ReminderName);
        Assert.NotNull(read);
        Assert.False(string.IsNullOrEmpty(etag));
        Assert.Equal(
            (reminder.GrainId, reminder.ReminderName, reminder.StartAt, reminder.Period, etag),
            (read.GrainId, read.ReminderName, read.StartAt, read.Period, read.ETag));
    }

    [Fact]
    public async Task A_reminder_never_stored_reads_as_null()
    {
        Assert.Null(await _table.ReadRow(NewGrain(), "none"));
        Assert.Empty((await _table.ReadRows(NewGrain())).Reminders);
    }

    [Fact]
    public async Task An_upsert_replaces_the_reminder_and_its_etag()
    {
        var reminder = NewReminder(NewGrain(), "tick");
        var first = await _table.UpsertRow(reminder);
        reminder.Period = TimeSpan.FromMinutes(5);

        var second = await _table.UpsertRow(reminder);

        Assert.NotEqual(first, second);
        var read = Assert.Single((await _table.ReadRows(reminder.GrainId)).Reminders);
        Assert.Equal((TimeSpan.FromMinutes(5), second), (read.Period, read.ETag));
    }

    [Fact]
    public async Task A_remove_needs_the_current_etag()
    {
        var reminder = NewReminder(NewGrain(), "tick");
        var stale = await _table.UpsertRow(reminder);
        var current = await _table.UpsertRow(reminder);

        Assert.False(await _table.RemoveRow(reminder.GrainId, reminder.ReminderName, stale!), "a stale ETag");
        Assert.False(await _table.RemoveRow(reminder.GrainId, "other", current!), "another reminder's name");
        Assert.True(await _table.RemoveRow(reminder.GrainId, reminder.ReminderName, current!));
        Assert.False(await _table.RemoveRow(reminder.GrainId, reminder.ReminderName, current!), "already removed");
        Assert.Null(await _table.ReadRow(reminder.GrainId, reminder.ReminderName));
    }

    [Fact]
    public async Task A_grains_reminders_are_read_together_and_only_its_own()
    {
        var grain = NewGrain();
        await _table.UpsertRow(NewReminder(grain, "one"));
        await _table.UpsertRow(NewReminder(grain, "two"));
        await _table.UpsertRow(NewReminder(NewGrain(), "one"));

        var rows = (await _table.ReadRows(grain)).Reminders;

        Assert.Equal(["one", "two"], rows.Select(r => r.ReminderName).Order());
        Assert.All(rows, r => Assert.Equal(grain, r.GrainId));
    }

    [Fact]
    public async Task A_hash_range_read_gives_exactly_the_reminders_in_it_wrapping_around()
    {
        var reminders = Enumerable.Range(0, 60).Select(i => NewReminder(NewGrain(), "r" + i)).ToList();
        await Task.WhenAll(reminders.Select(r => _table.UpsertRow(r)));
        var hashes = reminders.Select(r => r.GrainId.GetUniformHashCode()).ToArray();
        var sorted = hashes.Order().ToArray();
        var ranges = new List<(uint Begin, uint End)>
        {
            (0, uint.MaxValue),
            (0, 0), // begin == end: the whole ring
            (sorted[10], sorted[40]), // begin excluded, end included
            (sorted[50], sorted[5]), // wraps past uint.MaxValue
            (uint.MaxValue, sorted[3]),
        };
        for (var i = 0; i < 20; i++)
            ranges.Add(((uint)Random.Shared.NextInt64(0, uint.MaxValue), (uint)Random.Shared.NextInt64(0, uint.MaxValue)));

        foreach (var (begin, end) in ranges)
        {
            var expected = hashes.Where(h => begin < end ? h > begin && h <= end : h > begin || h <= end).Order();
            var rows = await _table.ReadRows(begin, end);
            Assert.Equal(expected, rows.Reminders.Select(r => r.GrainId.GetUniformHashCode()).Order());
        }
    }

    private static ReminderEntry NewReminder(GrainId grain, string name)
    {
        var now = DateTime.UtcNow;
        return new ReminderEntry
        {
            GrainId = grain,
            ReminderName = name,
            StartAt = new DateTime(now.Ticks - now.Ticks % TimeSpan.TicksPerSecond, DateTimeKind.Utc),
            Period = TimeSpan.FromMinutes(1),
        };
    }

    private static GrainId NewGrain() => GrainId.Create("remindable-grain", Guid.NewGuid().ToString("N"));
}
