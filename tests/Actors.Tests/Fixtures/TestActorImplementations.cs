using System.Collections.Concurrent;
using Actors;

namespace Actors.Tests.Fixtures;

public sealed class EchoActor : Actor, IEchoActor
{
    public Task<Profile?> EchoProfileAsync(Profile? profile) => Task.FromResult(profile);

    public Task<Settable> EchoSettableAsync(Settable value) => Task.FromResult(value);

    public ValueTask<int[]> EchoArrayAsync(int[] values, CancellationToken cancellationToken) => ValueTask.FromResult(values);

    public ValueTask PingAsync() => ValueTask.CompletedTask;

    public Task<string> KeyAsync() => Task.FromResult(Key);

    public Task DelayAsync(int milliseconds, CancellationToken cancellationToken) => Task.Delay(milliseconds, cancellationToken);

    public Task FailAsync(string kind, string message) => kind switch
    {
        "typed" => throw new TestDomainException(message),
        "untyped" => throw new NoStringConstructorException(),
        "conflict" => throw new StateConflictException(message),
        _ => throw new ArgumentException($"unknown failure kind {kind}"),
    };
}

public sealed class TestDomainException(string message) : Exception(message);

public sealed class NoStringConstructorException() : Exception("no string constructor here");

public sealed class CounterActor : Actor, ICounterActor
{
    private int _count;
    private int _inside;
    private int _maxInside;
    private int _meeting;
    private static readonly ConcurrentDictionary<string, int> Activations = new();

    public override Task OnActivateAsync(CancellationToken cancellationToken)
    {
        Activations.AddOrUpdate(Key, 1, (_, n) => n + 1);
        return Task.CompletedTask;
    }

    public async Task<int> IncrementAsync()
    {
        _inside++;
        _maxInside = Math.Max(_maxInside, _inside);
        var read = _count;
        await Task.Delay(1);
        _count = read + 1;
        _inside--;
        return _count;
    }

    public Task<int> GetAsync() => Task.FromResult(_count);

    public async Task<int> MeetAsync(int expected)
    {
        _meeting++;
        var deadline = DateTime.UtcNow.AddSeconds(20);
        while (_meeting < expected && DateTime.UtcNow < deadline)
            await Task.Delay(5);
        return _meeting;
    }

    public Task<int> MaxConcurrencyAsync() => Task.FromResult(_maxInside);

    public Task<int> ActivationsAsync() => Task.FromResult(Activations.GetValueOrDefault(Key));
}

public sealed class CycleActor : Actor, ICycleActor
{
    public Task<string> StartCycleAsync(string peer) => Actors.Get<ICycleActor>(peer).CallBackAsync(Key);

    public Task<string> CallBackAsync(string origin) => Actors.Get<ICycleActor>(origin).NameAsync();

    public Task<string> InterleavedCallBackAsync(string origin) => Task.FromResult($"{Key} answered {origin}");

    /// <summary>A → B → A again, where the re-entry targets an [AlwaysInterleave] method of the busy A.</summary>
    public Task<string> StartInterleavedCycleAsync(string peer) => Actors.Get<ICycleActor>(peer).CallBackInterleavedAsync(Key);

    public Task<string> CallBackInterleavedAsync(string origin) => Actors.Get<ICycleActor>(origin).InterleavedCallBackAsync(Key);

    public Task<string> NameAsync() => Task.FromResult(Key);

    public async Task<string> WaitThenCallAsync(string peer)
    {
        await Task.Delay(300);
        return await Actors.Get<ICycleActor>(peer).NameAsync();
    }

    public Task RemindMeAsync() => RegisterReminderAsync("never", TimeSpan.Zero, TimeSpan.FromSeconds(1));
}

public sealed class AccountActor([PersistentState("account")] IPersistentState<CounterState> account, Journal journal) : Actor, IAccountActor
{
    public override Task OnActivateAsync(CancellationToken cancellationToken)
    {
        journal.Add($"activate {Key} {account.State.Count}");
        return Task.CompletedTask;
    }

    public override Task OnDeactivateAsync(DeactivationReason reason, CancellationToken cancellationToken)
    {
        journal.Add($"deactivate {Key} {reason}");
        return Task.CompletedTask;
    }

    public async Task<int> DepositAsync(int amount)
    {
        account.State.Count += amount;
        account.State.History.Add($"+{amount}");
        await account.WriteStateAsync();
        return account.State.Count;
    }

    public Task<int> BalanceAsync() => Task.FromResult(account.State.Count);

    public Task ForgetAsync() => account.ClearStateAsync();

    public Task DeactivateAsync()
    {
        Context.DeactivateOnIdle();
        return Task.CompletedTask;
    }
}

/// <summary>A DI singleton the tests read to see lifecycle hooks run.</summary>
public sealed class Journal
{
    private readonly ConcurrentQueue<string> _entries = new();

    public void Add(string entry) => _entries.Enqueue(entry);

    public IReadOnlyList<string> Entries => _entries.ToArray();
}

public sealed class TickerActor(Journal journal) : Actor, ITickerActor, IRemindable
{
    private IDisposable? _timer;
    private int _ticks;
    private int _inside;
    private int _maxInside;

    public Task StartTimerAsync(int periodMs)
    {
        _timer = RegisterTimer(async _ =>
        {
            _inside++;
            _maxInside = Math.Max(_maxInside, _inside);
            await Task.Delay(2);
            _ticks++;
            _inside--;
        }, TimeSpan.FromMilliseconds(periodMs), TimeSpan.FromMilliseconds(periodMs));
        return Task.CompletedTask;
    }

    public Task StopTimerAsync()
    {
        _timer?.Dispose();
        return Task.CompletedTask;
    }

    public async Task<int> TimerTicksAsync()
    {
        _inside++;
        _maxInside = Math.Max(_maxInside, _inside);
        await Task.Delay(2);
        _inside--;
        return _ticks;
    }

    public Task<int> MaxConcurrencyAsync() => Task.FromResult(_maxInside);

    public Task RemindAsync(string name, int periodMs) => RegisterReminderAsync(name, TimeSpan.Zero, TimeSpan.FromMilliseconds(periodMs));

    public Task ForgetReminderAsync(string name) => UnregisterReminderAsync(name);

    public Task DeactivateAsync()
    {
        Context.DeactivateOnIdle();
        return Task.CompletedTask;
    }

    public Task ReceiveReminderAsync(string name, DateTimeOffset dueAt)
    {
        journal.Add($"reminder {Key} {name}");
        return Task.CompletedTask;
    }
}
