using Crm.CustomerReadModel.Listings;

namespace Crm.CustomerReadModel.Writing;

/// <summary>One caller's write, waiting for the transaction that applies it.</summary>
internal abstract record ListingWrite
{
    public TaskCompletionSource Completion { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <summary>How many rows it touches, to bound a transaction's size.</summary>
    public virtual int Rows => 1;

    public CancellationToken CancellationToken { get; init; }

    /// <summary>Its transaction commits only once this has completed, and without this write if it failed.</summary>
    public Task CommitAfter { get; init; } = Task.CompletedTask;
}

internal sealed record UpsertListings(IReadOnlyList<CustomerListing> Listings) : ListingWrite
{
    public override int Rows => Listings.Count;
}

internal sealed record DeleteListing(string TenantId, string CustomerId) : ListingWrite;

internal sealed record DeleteTenantListings(string TenantId) : ListingWrite;
