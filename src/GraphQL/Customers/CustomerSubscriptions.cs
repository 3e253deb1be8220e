using System.Runtime.CompilerServices;
using Crm.Contracts.Customers;
using Crm.Contracts.Tenants.Access;
using Crm.GraphQL.Access;
using GraphQL.Engine.Execution;
using GraphQL.Engine.Types;

namespace Crm.GraphQL.Customers;

/// <summary>The live customer events, all drawn from the tenant's feed through <see cref="CustomerFeedHub"/>.</summary>
public static class CustomerSubscriptions
{
    public static SchemaBuilder AddCustomerSubscriptions(this SchemaBuilder schema) => schema
        .AddSubscriptionField("customerCreated", Permissions.Read, context => FollowAsync(context, change => change.Kind == CustomerChange.Created, change => change.Customer))
        .AddSubscriptionField("customerChanged", Permissions.Read, CustomerChanged)
        .AddSubscriptionField("tenantActivity", Permissions.Read, context => FollowAsync(context, _ => true, change => new
        {
            Kind = change.Kind.ToUpperInvariant(),
            change.CustomerId,
            change.Customer,
        }));

    private static IAsyncEnumerable<object?> CustomerChanged(IResolverContext context)
    {
        // Another tenant's id, or no customer id at all, follows nothing: the feed is the caller's tenant's only.
        var customerId = CustomersSchema.OwnId(context.Argument<string>("id"));
        return FollowAsync(context, change => change.CustomerId == customerId, change => change.Customer);
    }

    private static async IAsyncEnumerable<object?> FollowAsync(
        IResolverContext context, Func<CustomerChange, bool> wanted, Func<CustomerChange, object?> select,
        [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        var hub = context.Services.GetRequiredService<CustomerFeedHub>();
        using var both = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, context.CancellationToken);
        await foreach (var change in hub.FollowAsync(CustomersSchema.TenantId(context), both.Token))
        {
            if (wanted(change))
                yield return select(change);
        }
    }
}
