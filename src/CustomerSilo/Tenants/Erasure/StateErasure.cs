namespace Crm.CustomerSilo.Tenants.Erasure;

/// <summary>How a grain of a tenant's data erases itself: its stored state cleared, then its activation ended.</summary>
public static class StateErasure
{
    /// <param name="held">What the state held, for the erasure's report; 0 once it is empty.</param>
    public static async Task<int> EraseAsync<TState>(this IGrainBase grain, IPersistentState<TState> state, int held)
    {
        var existed = state.RecordExists;
        if (existed)
            await state.ClearStateAsync();
        grain.DeactivateOnIdle();
        return existed ? held : 0;
    }
}
