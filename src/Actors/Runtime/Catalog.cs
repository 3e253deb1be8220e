using System.Diagnostics;
using System.Collections.Concurrent;
using Actors.Hosting;
using Actors.Invocation;
using Actors.Persistence;
using Actors.Reminders;
using Actors.Telemetry;
using Microsoft.Extensions.Logging;

namespace Actors.Runtime;

/// <summary>
/// The activations resident on this silo (Orleans' Catalog): creates one on the first call for a key,
/// collects idle ones, and keeps the resident count under the cap by deactivating the least recently used.
/// </summary>
internal sealed class Catalog : IAsyncDisposable
{
    private readonly ConcurrentDictionary<ActorId, Activation> _activations = new();
    private readonly Dictionary<string, ActorClass> _classes;
    private readonly ActorsOptions _options;
    private readonly PeriodicWork _collector;

    public Catalog(IEnumerable<ActorClass> classes, IServiceProvider services, IStateStore store, IReminderTable reminders, ActorsOptions options, ILogger<Catalog> logger)
    {
        Reminders = reminders;
        _classes = classes.ToDictionary(c => c.Kind, StringComparer.Ordinal);
        Services = services;
        Store = store;
        _options = options;
        Logger = logger;
        _collector = new PeriodicWork("Activation collection", options.Activations.CollectionInterval, _ => Task.FromResult(CollectOnce()), logger);
    }

    public IServiceProvider Services { get; }

    public IStateStore Store { get; }

    public IReminderTable Reminders { get; }

    public ILogger Logger { get; }

    /// <summary>The factory actors use for their own calls; set by the silo once its router exists.</summary>
    public IActorFactory Factory { get; set; } = null!;

    /// <summary>Carries calls that waited on an activation which then deactivated; set by the silo.</summary>
    public IActorCaller Rerouter { get; set; } = null!;

    public int Count => _activations.Count;

    public IEnumerable<Activation> Activations => _activations.Values;

    public event Action<Activation>? Activated;

    public event Action<Activation, DeactivationReason>? Deactivated;

    public bool Hosts(string kind) => _classes.ContainsKey(kind);

    /// <param name="deadline">When it fires the caller gets <see cref="ActorCallTimeoutException"/> (see <see cref="Turn"/>).</param>
    public Task<object?> InvokeAsync(ActorId id, ActorRequest request, CancellationToken deadline = default, TimeSpan timeout = default)
    {
        if (!_classes.TryGetValue(id.Kind, out var actorClass))
            return Task.FromException<object?>(new InvalidOperationException(
                $"This silo hosts no implementation of {id.Kind}; register one with AddActorSilo(silo => silo.AddActor<TInterface, TActor>())."));
        var activation = _activations.GetOrAdd(id, static (key, state) => new Activation(key, state.Class, state.Catalog), (Class: actorClass, Catalog: this));
        return activation.TryAccept(request, out var result, deadline, timeout) ? result : RetryAfterAsync(activation, id, request);
    }

    private async Task<object?> RetryAfterAsync(Activation deactivating, ActorId id, ActorRequest request)
    {
        await deactivating.Invalidated.ConfigureAwait(false);
        return await Rerouter.CallAsync(id, request, CancellationToken.None).ConfigureAwait(false);
    }

    internal async Task RerouteAsync(ActorId id, Turn turn)
    {
        try
        {
            turn.TrySetResult(await Rerouter.CallAsync(id, turn.Request, CancellationToken.None).ConfigureAwait(false));
        }
        catch (Exception e)
        {
            turn.TrySetException(e);
        }
    }

    internal void Remove(Activation activation) =>
        _activations.TryRemove(new KeyValuePair<ActorId, Activation>(activation.Id, activation));

    internal void OnActivated(Activation activation)
    {
        ActorTelemetry.Activations.Add(1, ActorTelemetry.KindTag(activation.Id.Kind));
        Activated?.Invoke(activation);
    }

    internal void OnDeactivated(Activation activation, DeactivationReason reason)
    {
        ActorTelemetry.Activations.Add(-1, ActorTelemetry.KindTag(activation.Id.Kind));
        Deactivated?.Invoke(activation, reason);
    }

    public void StartCollector() => _collector.Start();

    /// <summary>One collection pass: idle activations past their age, then LRU ones above the cap.</summary>
    public int CollectOnce()
    {
        var collected = 0;
        foreach (var activation in _activations.Values)
        {
            var age = activation.Class.IdleAge ?? _options.Activations.IdleAge;
            if (Stopwatch.GetElapsedTime(activation.LastUsed) >= age && activation.IsIdle)
            {
                activation.Deactivate(DeactivationReason.IdleCollected);
                collected++;
            }
        }
        var resident = _activations.Count - collected;
        var max = _options.Activations.MaxActivations;
        // Above the cap, go 10% under it so the next pass does not evict again at once; under memory pressure, shed a tenth.
        var surplus = resident > max ? resident - max + max / 10 : 0;
        if (UnderMemoryPressure())
            surplus = Math.Max(surplus, resident / 10);
        if (surplus > 0)
        {
            foreach (var activation in _activations.Values.Where(a => a.IsIdle).OrderBy(a => a.LastUsed).Take(surplus))
            {
                activation.Deactivate(DeactivationReason.MemoryPressure);
                collected++;
            }
        }
        if (collected > 0)
            Logger.LogDebug("Collected {Count} activations", collected);
        return collected;
    }

    /// <summary>True when the GC reports memory load above Actors:Activations:MemoryLoadLimitPercent of what this process may use.</summary>
    private bool UnderMemoryPressure()
    {
        var memory = GC.GetGCMemoryInfo();
        if (memory.TotalAvailableMemoryBytes <= 0 || memory.MemoryLoadBytes * 100 < memory.TotalAvailableMemoryBytes * _options.Activations.MemoryLoadLimitPercent)
            return false;
        Logger.LogWarning("Memory load {Load} MB of {Total} MB is above {Limit}%: deactivating the least recently used activations",
            memory.MemoryLoadBytes >> 20, memory.TotalAvailableMemoryBytes >> 20, _options.Activations.MemoryLoadLimitPercent);
        return true;
    }

    /// <summary>Deactivates every activation matching <paramref name="filter"/> and waits until they are gone.</summary>
    public async Task DeactivateAsync(Func<Activation, bool> filter, DeactivationReason reason)
    {
        var targets = _activations.Values.Where(filter).ToList();
        foreach (var activation in targets)
            activation.Deactivate(reason);
        await Task.WhenAll(targets.Select(a => a.Invalidated)).ConfigureAwait(false);
    }

    /// <summary>Forgets every activation without running its hooks (a simulated crash).</summary>
    internal void Abandon() => _activations.Clear();

    public ValueTask DisposeAsync() => _collector.DisposeAsync();
}
