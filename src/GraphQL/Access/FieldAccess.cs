using System.Collections.Concurrent;
using Crm.GraphQL.Audit;
using Crm.ServiceDefaults.Tenancy;
using GraphQL.Engine.Execution;
using GraphQL.Engine.Types;

namespace Crm.GraphQL.Access;

/// <summary>
/// Every root field of the tenant schema is bound through these methods, each with the permission it needs, so no
/// query, mutation or subscription can be reached without the caller's role or key allowing it. Nested fields need
/// nothing more: they are reachable only through a root field. <see cref="Declared"/> lets a test prove that every
/// root field of the built schema has a permission. Every mutation is also recorded in the tenant's audit log
/// (<see cref="MutationAudit"/>).
/// </summary>
public static class FieldAccess
{
    private static readonly ConcurrentDictionary<(string Type, string Field), string> DeclaredPermissions = new();

    public static IReadOnlyDictionary<(string Type, string Field), string> Declared => DeclaredPermissions;

    public static SchemaBuilder AddQuery(this SchemaBuilder schema, string field, string permission, Func<IResolverContext, ValueTask<object?>> resolver) =>
        schema.AddResolver(Declare("Query", field, permission), field, Guarded(permission, resolver));

    public static SchemaBuilder AddMutation(this SchemaBuilder schema, string field, string permission, Func<IResolverContext, ValueTask<object?>> resolver) =>
        // Recorded outside the guard, so a refused attempt is in the audit log as well as a change.
        schema.AddResolver(Declare("Mutation", field, permission), field, MutationAudit.Recorded(Guarded(permission, resolver)));

    public static SchemaBuilder AddSubscriptionField(this SchemaBuilder schema, string field, string permission, Func<IResolverContext, IAsyncEnumerable<object?>> subscribe) =>
        schema.AddSubscription(Declare("Subscription", field, permission), field, context =>
        {
            Demand(context, permission);
            return subscribe(context);
        });

    /// <summary>For root fields the engine binds itself (Relay's <c>node</c>, <c>nodes</c>): declares them, and their resolvers call <see cref="Demand"/>.</summary>
    public static string Declare(string type, string field, string permission)
    {
        DeclaredPermissions[(type, field)] = permission;
        return type;
    }

    /// <summary>Refuses the field with a FORBIDDEN error unless the caller holds <paramref name="permission"/>.</summary>
    public static void Demand(IResolverContext context, string permission)
    {
        var claims = context.Services.GetRequiredService<TenantContext>().RequireClaims();
        if (!claims.Has(permission))
            throw new GraphQLException($"{context.FieldName} needs the '{permission}' permission, which the caller's role or API key does not give.", "FORBIDDEN");
    }

    private static Func<IResolverContext, ValueTask<object?>> Guarded(string permission, Func<IResolverContext, ValueTask<object?>> resolver) => context =>
    {
        Demand(context, permission);
        return resolver(context);
    };
}
