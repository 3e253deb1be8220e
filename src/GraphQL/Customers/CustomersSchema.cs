using Crm.Contracts;
using Crm.Contracts.Customers;
using Crm.ServiceDefaults.Tenancy;
using GraphQL.Engine.Execution;
using GraphQL.Engine.Relay;
using GraphQL.Engine.Types;

namespace Crm.GraphQL.Customers;

/// <summary>The customer part of the tenant schema: its SDL (customers.graphql) and the resolvers bound to it.</summary>
public static class CustomersSchema
{
    public static SchemaBuilder AddCustomers(this SchemaBuilder schema) => schema
        .AddTypeDefinitions(SchemaText.Load("Customers/customers.graphql"))
        .AddResolver("Query", "customer", GetCustomerAsync)
        .AddResolver("Mutation", "createCustomer", CreateCustomerAsync)
        .AddSubscription("Subscription", "customerCreated", CustomerCreated)
        .AddGlobalId(TypeName, profile => ((CustomerProfile)profile).CustomerId);

    /// <summary>The name global ids of customers carry, for <c>node(id:)</c>.</summary>
    public const string TypeName = "Customer";

    private static ValueTask<object?> GetCustomerAsync(IResolverContext context) =>
        GlobalId.TryDecode(context.Argument<string>("id")!, out var type, out var customerId) && type == TypeName
            ? FindAsync(customerId, context)
            : ValueTask.FromResult<object?>(null);

    /// <summary>The calling tenant's customer with this (own, not global) id, or null.</summary>
    public static async ValueTask<object?> FindAsync(string customerId, IResolverContext context) =>
        // An id that cannot be one of ours is simply not found; it never becomes part of an actor key.
        CustomerIds.IsValid(customerId) ? await Customer(context, customerId).GetAsync() : null;

    private static async ValueTask<object?> CreateCustomerAsync(IResolverContext context)
    {
        var input = context.Argument<IReadOnlyDictionary<string, object?>>("input")!;
        var customer = new NewCustomer((string)input["name"]!, (string)input["email"]!);
        try
        {
            return new CreateCustomerPayload(await Customer(context, CustomerIds.New()).CreateAsync(customer));
        }
        catch (InvalidCustomerException e)
        {
            throw new GraphQLException(e.Message, "BAD_USER_INPUT");
        }
    }

    private static async IAsyncEnumerable<object?> CustomerCreated(IResolverContext context)
    {
        var tenantId = context.Services.GetRequiredService<TenantContext>().RequireTenantId();
        await foreach (var change in context.Services.GetRequiredService<CustomerFeedHub>().FollowAsync(tenantId, context.CancellationToken))
        {
            if (change.Kind == CustomerChange.Created)
                yield return change.Customer;
        }
    }

    private static ICustomerGrain Customer(IResolverContext context, string customerId)
    {
        var tenantId = context.Services.GetRequiredService<TenantContext>().RequireTenantId();
        return context.Services.GetRequiredService<IGrainFactory>().GetGrain<ICustomerGrain>(TenantKey.For(tenantId, customerId));
    }

    private sealed record CreateCustomerPayload(CustomerProfile Customer);
}
