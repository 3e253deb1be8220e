using Orleans.Storage;

namespace Crm.CustomerSilo.Aggregates;

/// <summary>
/// A grain's persistent state that sums deltas in memory and is written now and then (on a timer, on deactivation),
/// so that a busy tenant costs one write every few seconds rather than one per delta.
/// </summary>
/// <remarks>
/// While silos join or leave, Orleans can briefly hold two activations of one grain. Each then holds figures the other
/// lacks, and whichever writes second is refused for its stale ETag. Dropping its figures (and failing every later
/// write, as the stale ETag stays) would lose counts; instead the refused activation reads what the other wrote and
/// adds again the deltas it has not saved yet. Sums commute, so both activations' deltas end up counted once.
/// </remarks>
public sealed class SummedState<TState, TDelta>(IPersistentState<TState> state, Action<TState, TDelta> apply)
    where TState : class, new()
{
    // Each refusal means another activation wrote in between; more than a few in a row means something else is wrong.
    private const int MaxWriteAttempts = 4;
    private readonly List<TDelta> _unsaved = [];

    public TState State => state.State;

    /// <summary>True when some deltas are only in memory.</summary>
    public bool HasUnsaved => _unsaved.Count > 0;

    public void Add(TDelta delta)
    {
        apply(state.State, delta);
        _unsaved.Add(delta);
    }

    /// <summary>Writes the state; <paramref name="prepare"/> sets what is not a sum (such as a clean-stop flag) before each attempt.</summary>
    public async Task SaveAsync(Action<TState>? prepare = null, CancellationToken cancellationToken = default)
    {
        for (var attempt = 1; ; attempt++)
        {
            prepare?.Invoke(state.State);
            try
            {
                await state.WriteStateAsync(cancellationToken);
                _unsaved.Clear();
                return;
            }
            catch (InconsistentStateException) when (attempt < MaxWriteAttempts)
            {
                await state.ReadStateAsync(cancellationToken);
                foreach (var delta in _unsaved)
                    apply(state.State, delta);
            }
        }
    }

    /// <summary>The state was replaced or cleared as a whole: what was unsaved no longer applies to it.</summary>
    public void ForgetUnsaved() => _unsaved.Clear();
}
