namespace Crm.Contracts;

/// <summary>
/// The silo's store failed while serving the call (the database refused or was unreachable), so the call did not
/// complete and nothing it asked for was acknowledged. The message carries the store's own error; retrying later is
/// safe. Silos turn store-specific exceptions into this one, since their types do not cross the wire.
/// </summary>
[GenerateSerializer, Alias("crm.StoreUnavailableException")]
public sealed class StoreUnavailableException(string message) : Exception(message);
