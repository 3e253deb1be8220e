namespace Crm.Contracts.Tenants.Erasure;

/// <summary>
/// A grain that keeps part of one tenant's data. <see cref="EraseAsync"/> clears its stored state, then deactivates
/// it; on an empty grain it only deactivates, so the tenant's erasure may call it again after a crash.
/// </summary>
[Alias("crm.erasable")]
public interface IErasableGrain : IGrainWithStringKey
{
    /// <returns>How many records (segments, documents, keys and users…) the grain held; 0 when it was empty.</returns>
    [Alias("erase")]
    Task<int> EraseAsync();
}
