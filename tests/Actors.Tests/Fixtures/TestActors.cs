using Actors;

namespace Actors.Tests.Fixtures;

public enum Level
{
    Low,
    High,
}

public sealed record Address(string Street, string? City);

public sealed record Profile(string Name, int Age, Level Level, Address? Home, IReadOnlyList<string> Tags, Dictionary<string, decimal> Scores, Guid Id, DateTimeOffset At, long? Optional)
{
    public string? Note { get; init; }
}

public sealed class Settable
{
    public string Name { get; set; } = "";

    public List<int> Values { get; set; } = [];
}

/// <summary>Used by serialization tests: every shape of argument and result.</summary>
public interface IEchoActor : IActor
{
    Task<Profile?> EchoProfileAsync(Profile? profile);

    Task<Settable> EchoSettableAsync(Settable value);

    ValueTask<int[]> EchoArrayAsync(int[] values, CancellationToken cancellationToken);

    ValueTask PingAsync();

    Task<string> KeyAsync();

    Task FailAsync(string kind, string message);

    Task DelayAsync(int milliseconds, CancellationToken cancellationToken);
}

/// <summary>A counter whose increment awaits between read and write, so interleaving would lose updates.</summary>
public interface ICounterActor : IActor
{
    Task<int> IncrementAsync();

    [ReadOnly]
    Task<int> GetAsync();

    /// <summary>Waits until <paramref name="expected"/> read-only calls are inside at once (proves they interleave).</summary>
    [ReadOnly]
    Task<int> MeetAsync(int expected);

    Task<int> MaxConcurrencyAsync();

    Task<int> ActivationsAsync();
}

/// <summary>Calls another actor that calls back: a call cycle.</summary>
public interface ICycleActor : IActor
{
    Task<string> StartCycleAsync(string peer);

    Task<string> CallBackAsync(string origin);

    [AlwaysInterleave]
    Task<string> InterleavedCallBackAsync(string origin);

    Task<string> StartInterleavedCycleAsync(string peer);

    Task<string> CallBackInterleavedAsync(string origin);

    Task<string> NameAsync();

    /// <summary>Waits a moment (so a peer can start the mirror call), then calls the peer's non-interleaving NameAsync.</summary>
    Task<string> WaitThenCallAsync(string peer);

    /// <summary>Registers a reminder although the class is not IRemindable: must fail.</summary>
    Task RemindMeAsync();
}

public sealed class CounterState
{
    public int Count { get; set; }

    public List<string> History { get; set; } = [];
}

/// <summary>Persistent actor: state survives deactivation; records its lifecycle in a shared journal.</summary>
public interface IAccountActor : IActor
{
    Task<int> DepositAsync(int amount);

    [ReadOnly]
    Task<int> BalanceAsync();

    Task ForgetAsync();

    Task DeactivateAsync();
}

/// <summary>Timers and reminders.</summary>
public interface ITickerActor : IActor
{
    Task StartTimerAsync(int periodMs);

    Task StopTimerAsync();

    Task<int> TimerTicksAsync();

    Task<int> MaxConcurrencyAsync();

    Task RemindAsync(string name, int periodMs);

    Task ForgetReminderAsync(string name);

    Task DeactivateAsync();
}
