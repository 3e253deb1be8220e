using Crm.Contracts;
using Crm.Contracts.Customers;
using Crm.Contracts.Tenants.Access;
using Crm.GraphQL.Access;
using Crm.ServiceDefaults.Tenancy;
using GraphQL.Engine.Execution;
using GraphQL.Engine.Relay;
using GraphQL.Engine.Types;

namespace Crm.GraphQL.Customers;

/// <summary>The customer part of the tenant schema: its SDL (customers.graphql) and the resolvers bound to it.</summary>
public static class CustomersSchema
{
    /// <summary>The name global ids of customers carry, for <c>node(id:)</c>.</summary>
    public const string TypeName = "Customer";

    public static SchemaBuilder AddCustomers(this SchemaBuilder schema) => schema
        .AddTypeDefinitions(EmbeddedText.Load("Customers/customers.graphql"))
        .AddQuery("customer", Permissions.Read, context => FindByGlobalIdAsync(context.Argument<string>("id")!, context))
        .AddCustomerFields()
        .AddCustomerLists()
        .AddCustomerMutations()
        .AddCustomerSubscriptions()
        .AddTypeResolver("UserError", error => error.GetType().Name)
        .AddGlobalId(TypeName, customer => ((CustomerView)customer).CustomerId);

    /// <summary>The calling tenant's customer with this global id, or null (an id of another type or tenant is not found).</summary>
    public static ValueTask<object?> FindByGlobalIdAsync(string globalId, IResolverContext context) =>
        OwnId(globalId) is { } customerId ? FindAsync(customerId, context) : ValueTask.FromResult<object?>(null);

    /// <summary>The calling tenant's customer with this (own, not global) id, or null.</summary>
    public static async ValueTask<object?> FindAsync(string customerId, IResolverContext context) =>
        // An id that cannot be one of ours is simply not found; it never becomes part of an actor key.
        CustomerIds.IsValid(customerId)
            ? await context.DataLoader<string, CustomerView?>("customers", (ids, _) => LoadAsync(context, ids)).LoadAsync(customerId)
            : null;

    /// <summary>The own id inside a customer's global id, or null when it is not a customer id of ours.</summary>
    public static string? OwnId(string? globalId) =>
        globalId is not null && GlobalId.TryDecode(globalId, out var type, out var id) && type == TypeName && CustomerIds.IsValid(id) ? id : null;

    public static ICustomerGrain Grain(IResolverContext context, string customerId) =>
        context.Services.GetRequiredService<IGrainFactory>().GetGrain<ICustomerGrain>(TenantKey.For(TenantId(context), customerId));

    public static string TenantId(IResolverContext context) => context.Services.GetRequiredService<TenantContext>().RequireTenantId();

    // A list of customers asks every grain at once rather than one after another.
    private static async ValueTask<IReadOnlyDictionary<string, CustomerView?>> LoadAsync(IResolverContext context, IReadOnlyList<string> ids)
    {
        var views = await Task.WhenAll(ids.Select(id => Grain(context, id).GetAsync()));
        return ids.Zip(views).ToDictionary(p => p.First, p => p.Second);
    }
}
