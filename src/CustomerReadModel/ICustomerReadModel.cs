using Crm.CustomerReadModel.Duplicates;
using Crm.CustomerReadModel.Listings;
using Crm.CustomerReadModel.Queries;

namespace Crm.CustomerReadModel;

/// <summary>
/// The customers of every tenant as indexed rows. Every read is scoped to one tenant. Writes from concurrent callers
/// are grouped into one transaction; each write's task completes only after its commit, so a caller reads its own write.
/// Cancelling a write stops the wait for it; a write already taken into a transaction may still be applied.
/// </summary>
public interface ICustomerReadModel
{
    /// <summary>Stores the row, unless the stored row's <see cref="CustomerListing.Version"/> is the same or newer.</summary>
    Task UpsertAsync(CustomerListing listing, CancellationToken cancellationToken = default);

    /// <summary>Stores all the rows in one transaction (an import's batch), each under the same version rule.</summary>
    /// <param name="commitAfter">
    /// When given, the rows are written at once but committed (made visible and durable) only after it completes: a
    /// caller lets the store do its work while it makes durable what the rows describe. If it fails, none of the rows
    /// is stored and the call fails with its error. The store's one writer waits for it, and every other write waits
    /// behind, so it must be work that ends soon (a batch's own durable writes), never a wait on a person or a peer.
    /// </param>
    Task UpsertManyAsync(IReadOnlyList<CustomerListing> listings, Task? commitAfter = null, CancellationToken cancellationToken = default);

    Task DeleteAsync(string tenantId, string customerId, CancellationToken cancellationToken = default);

    /// <summary>Erases every row of the tenant.</summary>
    Task DeleteTenantAsync(string tenantId, CancellationToken cancellationToken = default);

    Task<CustomerListing?> GetAsync(string tenantId, string customerId, CancellationToken cancellationToken = default);

    /// <summary>One page of the tenant's customers matching the filter, in the sort's order (keyset paging).</summary>
    Task<CustomerPage> QueryAsync(CustomerQuery query, CancellationToken cancellationToken = default);

    /// <summary>How many of the tenant's customers match the filter (a segment's live member count).</summary>
    Task<long> CountAsync(string tenantId, CustomerFilter filter, CancellationToken cancellationToken = default);

    /// <summary>The tenant's customers counted by stage or tier; values with no customer are absent.</summary>
    Task<IReadOnlyDictionary<string, long>> CountByAsync(string tenantId, CountField field, CancellationToken cancellationToken = default);

    /// <summary>
    /// The best matches first for free text over name, email, phone, city and tags; every word must match, the last one
    /// as a prefix ("ada lov" finds "Ada Lovelace"). Any text is taken as plain words: it never raises a syntax error.
    /// </summary>
    Task<IReadOnlyList<CustomerListing>> SearchAsync(string tenantId, string text, int first, CancellationToken cancellationToken = default);

    /// <summary>The ids of the tenant's customers with the same normalized email or phone, in id order.</summary>
    Task<IReadOnlyList<string>> FindDuplicatesAsync(
        string tenantId, string? email, string? phone, string? excludingCustomerId = null, CancellationToken cancellationToken = default);

    /// <summary>
    /// For each (email, phone) pair, the lowest id of the tenant's customers with that normalized email or phone, or
    /// null when none has either: an import's batch matched in one statement rather than one per row.
    /// </summary>
    Task<IReadOnlyList<string?>> FindFirstDuplicatesAsync(
        string tenantId, IReadOnlyList<(string? Email, string? Phone)> keys, CancellationToken cancellationToken = default);

    /// <summary>Groups of the tenant's customers that share an email or a phone, emails first, each in value order.</summary>
    Task<IReadOnlyList<DuplicateGroup>> DuplicateCandidatesAsync(string tenantId, int first, CancellationToken cancellationToken = default);
}
