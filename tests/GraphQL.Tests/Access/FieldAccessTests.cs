using Crm.Contracts.Tenants.Access;
using Crm.GraphQL;
using Crm.GraphQL.Access;

namespace GraphQL.Tests.Access;

public sealed class FieldAccessTests
{
    [Fact]
    public void Every_root_field_of_the_tenant_schema_names_the_permission_it_needs()
    {
        var schema = TenantSchema.Build();
        var roots = new[] { schema.QueryType, schema.MutationType!, schema.SubscriptionType! };

        var unguarded = roots
            .SelectMany(type => type.Fields.Where(f => !f.Name.StartsWith("__", StringComparison.Ordinal)).Select(f => (type.Name, f.Name)))
            .Where(field => !FieldAccess.Declared.ContainsKey(field))
            .ToList();

        Assert.Empty(unguarded);
    }

    [Fact]
    public void Mutations_never_need_only_read_and_the_admin_fields_need_admin()
    {
        var declared = FieldAccess.Declared;
        TenantSchema.Build();

        Assert.All(declared.Where(d => d.Key.Type == "Mutation"), d => Assert.NotEqual(Permissions.Read, d.Value));
        foreach (var field in new[] { "users", "apiKeys", "invitations", "auditLog" })
            Assert.Equal(Permissions.Admin, declared[("Query", field)]);
        foreach (var field in new[] { "createApiKey", "revokeApiKey", "inviteUser", "updateTenantSettings" })
            Assert.Equal(Permissions.Admin, declared[("Mutation", field)]);
    }

    [Fact]
    public void An_analyst_can_only_read_and_a_read_key_likewise()
    {
        Assert.Equal([Permissions.Read], AccessRules.PermissionsOf(TenantRole.Analyst));
        Assert.Equal([Permissions.Read], AccessRules.PermissionsOf([ApiKeyScope.Read]));
        Assert.DoesNotContain(Permissions.Admin, AccessRules.PermissionsOf([ApiKeyScope.Write]));
        Assert.Equal(Permissions.All.Order(), AccessRules.PermissionsOf([ApiKeyScope.Admin]).Order());
    }
}
