namespace Orleans.Storage.Tests.Reminders;

public interface ITickingGrain : IGrainWithStringKey
{
    /// <summary>Registers the reminder: its first tick after <paramref name="period"/>, then one every period.</summary>
    Task StartTicking(TimeSpan period);
}

[GenerateSerializer]
public sealed class Ticks
{
    [Id(0)]
    public int Count { get; set; }
}

/// <summary>Counts its reminder's ticks in its stored state, so a test can read them without activating it.</summary>
public sealed class TickingGrain([PersistentState(TickingGrain.StateName)] IPersistentState<Ticks> ticks) : Grain, ITickingGrain, IRemindable
{
    public const string StateName = "ticks";

    public Task StartTicking(TimeSpan period) => this.RegisterOrUpdateReminder("tick", period, period);

    public async Task ReceiveReminder(string reminderName, TickStatus status)
    {
        ticks.State.Count++;
        await ticks.WriteStateAsync();
    }
}
