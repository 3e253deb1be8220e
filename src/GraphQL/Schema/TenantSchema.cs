using Crm.GraphQL.Customers;
using GraphQL.Engine.Types;

namespace Crm.GraphQL;

/// <summary>The schema every tenant is served: the roots, then each feature's part.</summary>
public static class TenantSchema
{
    public static Schema Build() => new SchemaBuilder()
        .AddTypeDefinitions(SchemaText.Load("Schema/root.graphql"))
        .AddCustomers()
        .Build();
}
