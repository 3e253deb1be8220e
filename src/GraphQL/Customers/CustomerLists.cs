using Crm.Contracts.Customers;
using Crm.Contracts.Tenants.Access;
using Crm.CustomerReadModel;
using Crm.CustomerReadModel.Queries;
using Crm.GraphQL.Access;
using GraphQL.Engine.Execution;
using GraphQL.Engine.Relay;
using GraphQL.Engine.Types;

namespace Crm.GraphQL.Customers;

/// <summary>
/// Lists, search and duplicate candidates: indexed queries on the tenant's read model, whose rows then load as
/// customers through one DataLoader, so a page of 20 asks its 20 grains at once.
/// </summary>
public static class CustomerLists
{
    public static SchemaBuilder AddCustomerLists(this SchemaBuilder schema) => schema
        .AddTypeDefinitions(EmbeddedText.Load("Customers/customer-lists.graphql"))
        .AddQuery("customers", Permissions.Read, CustomersAsync)
        .AddQuery("searchCustomers", Permissions.Read, SearchAsync)
        .AddQuery("duplicateCandidates", Permissions.Read, DuplicatesAsync)
        .AddResolver("DuplicateGroup", "customers", async context =>
            (object?)(await LoadAsync(context, [.. ((DuplicateCandidate)context.Parent!).CustomerIds])).OfType<CustomerView>().ToList());

    private static ValueTask<object?> CustomersAsync(IResolverContext context) =>
        PageAsync(context, Filters.From(context.Argument<IReadOnlyDictionary<string, object?>>("where")));

    /// <summary>One page of the tenant's customers matching <paramref name="filter"/>, with the field's first/after/order.</summary>
    public static async ValueTask<object?> PageAsync(IResolverContext context, CustomerFilter filter)
    {
        var query = new CustomerQuery
        {
            TenantId = CustomersSchema.TenantId(context),
            Filter = filter,
            Sort = Sort(context.Argument<IReadOnlyDictionary<string, object?>>("order")),
            After = context.Argument<string>("after"),
            First = context.Argument<int>("first"),
            IncludeTotalCount = true,
        };
        var page = await Refusing(() => ReadModel(context).QueryAsync(query, context.CancellationToken));
        var customers = await LoadAsync(context, [.. page.Items.Select(i => i.CustomerId)]);
        var edges = page.Items.Zip(customers)
            .Where(pair => pair.Second is not null)
            .Select(pair => new Edge<CustomerView>(pair.Second!, CustomerCursor.After(pair.First, query.Sort)))
            .ToList();
        return new
        {
            Edges = edges,
            PageInfo = new PageInfo(page.HasNextPage, query.After is not null, edges.FirstOrDefault()?.Cursor, page.EndCursor),
            TotalCount = page.TotalCount ?? edges.Count,
        };
    }

    private static async ValueTask<object?> SearchAsync(IResolverContext context)
    {
        var found = await Refusing(() => ReadModel(context).SearchAsync(
            CustomersSchema.TenantId(context), context.Argument<string>("text") ?? "", context.Argument<int>("first"), context.CancellationToken));
        return (await LoadAsync(context, [.. found.Select(f => f.CustomerId)])).OfType<CustomerView>().ToList();
    }

    private static async ValueTask<object?> DuplicatesAsync(IResolverContext context)
    {
        var groups = await Refusing(() => ReadModel(context).DuplicateCandidatesAsync(CustomersSchema.TenantId(context), context.Argument<int>("first"), context.CancellationToken));
        return groups.Select(g => new DuplicateCandidate(g.Kind, g.Value, g.CustomerIds)).ToList();
    }

    /// <summary>The customers with these ids, in this order, null for one deleted since the read model listed it.</summary>
    private static async Task<CustomerView?[]> LoadAsync(IResolverContext context, IReadOnlyList<string> ids) =>
        [.. (await Task.WhenAll(ids.Select(id => CustomersSchema.FindAsync(id, context).AsTask()))).Select(v => v as CustomerView)];

    private sealed record DuplicateCandidate(Crm.CustomerReadModel.Duplicates.DuplicateKind Key, string Value, IReadOnlyList<string> CustomerIds);

    private static CustomerSort Sort(IReadOnlyDictionary<string, object?>? order) => order is null
        ? CustomerSort.Default
        : new CustomerSort(
            Enum.Parse<SortField>(((string)order["field"]!).Replace("_", ""), ignoreCase: true),
            order.GetValueOrDefault("direction") as string == "DESC" ? SortDirection.Descending : SortDirection.Ascending);

    public static ICustomerReadModel ReadModel(IResolverContext context) => context.Services.GetRequiredService<ICustomerReadModel>();

    /// <summary>A page size or cursor the read model refuses is the caller's mistake, said as such.</summary>
    private static async Task<T> Refusing<T>(Func<Task<T>> query)
    {
        try
        {
            return await query();
        }
        catch (ArgumentException e)
        {
            throw new GraphQLException(e.Message, "BAD_USER_INPUT");
        }
    }
}
