using Crm.Contracts.Customers;
using Crm.Contracts.Tenants.Access;
using Crm.GraphQL.Access;
using Crm.GraphQL.Analytics;
using Crm.GraphQL.Audit;
using Crm.GraphQL.Csv;
using Crm.GraphQL.Customers;
using Crm.GraphQL.Segments;
using Crm.GraphQL.Tenants;
using Crm.GraphQL.Webhooks;
using GraphQL.Engine.Execution;
using GraphQL.Engine.Relay;
using GraphQL.Engine.Types;

namespace Crm.GraphQL;

/// <summary>The schema every tenant is served: the roots, then each feature's part.</summary>
public static class TenantSchema
{
    public static Schema Build()
    {
        FieldAccess.Declare("Query", "node", Permissions.Read);
        FieldAccess.Declare("Query", "nodes", Permissions.Read);
        return Builder().Build();
    }

    private static SchemaBuilder Builder() => new SchemaBuilder()
        .AddTypeDefinitions(EmbeddedText.Load("Schema/root.graphql"))
        .AddRelay(FindNodeAsync)
        .AddTypeResolver("Node", NodeTypeOf)
        .AddCustomers()
        .AddTenantSettings()
        .AddAnalytics()
        .AddSegments()
        .AddImportJobs()
        .AddAccess()
        .AddUsage()
        .AddWebhooks()
        .AddAudit();

    // node(id:), nodes(ids:) and the Node interface: every type that implements Node has its case in both.
    // The engine binds node and nodes itself, so their permission is demanded here.
    private static ValueTask<object?> FindNodeAsync(string typeName, string id, IResolverContext context)
    {
        FieldAccess.Demand(context, Permissions.Read);
        return FindOwnNodeAsync(typeName, id, context);
    }

    private static ValueTask<object?> FindOwnNodeAsync(string typeName, string id, IResolverContext context) => typeName switch
    {
        CustomersSchema.TypeName => CustomersSchema.FindAsync(id, context),
        _ => ValueTask.FromResult<object?>(null),
    };

    private static string? NodeTypeOf(object value) => value switch
    {
        CustomerView => CustomersSchema.TypeName,
        _ => null,
    };
}
