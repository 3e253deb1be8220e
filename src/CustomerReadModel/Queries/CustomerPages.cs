using System.Runtime.CompilerServices;
using Crm.CustomerReadModel.Listings;

namespace Crm.CustomerReadModel.Queries;

public static class CustomerPages
{
    /// <summary>
    /// Every match of the query, in its order, one page of <see cref="CustomerQuery.First"/> rows at a time, each page
    /// read after the caller took the one before (keyset paging, so rows written meanwhile do not shift the pages).
    /// </summary>
    public static async IAsyncEnumerable<IReadOnlyList<CustomerListing>> PagesAsync(
        this ICustomerReadModel readModel, CustomerQuery query, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        while (true)
        {
            var page = await readModel.QueryAsync(query, cancellationToken);
            yield return page.Items;
            if (!page.HasNextPage)
                yield break;
            query = query with { After = page.EndCursor };
        }
    }
}
