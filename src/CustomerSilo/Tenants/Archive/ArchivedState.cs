namespace Crm.CustomerSilo.Tenants.Archive;

/// <summary>
/// <see cref="IArchivedGrain{TState}"/> for a grain whose durable state is one record and nothing derives from it:
/// the archive is the record itself.
/// </summary>
public static class ArchivedState
{
    public static Task<TState?> ExportAsync<TState>(this IPersistentState<TState> state) =>
        Task.FromResult(state.RecordExists ? state.State : default);

    public static async Task RestoreAsync<TState>(this IPersistentState<TState> state, TState archived)
    {
        state.State = archived;
        await state.WriteStateAsync();
    }

    /// <summary>Clears the record and lets the activation go, so nothing of it stays in memory.</summary>
    public static async Task EraseAsync<TState>(this IPersistentState<TState> state, Grain grain)
    {
        await state.ClearStateAsync();
        grain.DeactivateOnIdle();
    }
}
