using System.Globalization;
using Crm.AuditLog;
using Crm.Contracts.Tenants.Access;
using Crm.GraphQL.Access;
using Crm.GraphQL.Customers;
using Crm.ServiceDefaults.Tenancy;
using GraphQL.Engine.Execution;
using GraphQL.Engine.Relay;
using GraphQL.Engine.Types;

namespace Crm.GraphQL.Audit;

/// <summary>The tenant's audit log for its admins: newest first, keyset-paged by entry id (the cursor).</summary>
public static class AuditSchema
{
    public static SchemaBuilder AddAudit(this SchemaBuilder schema) => schema
        .AddTypeDefinitions(EmbeddedText.Load("Audit/audit.graphql"))
        .AddQuery("auditLog", Permissions.Admin, PageAsync);

    private static async ValueTask<object?> PageAsync(IResolverContext context)
    {
        var after = context.Argument<string>("after");
        long? before = null;
        if (after is not null)
        {
            if (!long.TryParse(after, NumberStyles.None, CultureInfo.InvariantCulture, out var id))
                throw new GraphQLException($"after \"{after}\" is no cursor of auditLog: pass the endCursor of the previous page.", "BAD_USER_INPUT");
            before = id;
        }
        var first = context.Argument<int>("first");
        if (first is < 1 or > AuditQuery.MaxFirst)
            throw new GraphQLException($"first must be between 1 and {AuditQuery.MaxFirst}; it was {first}.", "BAD_USER_INPUT");
        var query = new AuditQuery(
            context.Services.GetRequiredService<TenantContext>().RequireTenantId(), first, before,
            context.Argument<string>("actor"), context.Argument<string>("operation"), context.Argument<DateTimeOffset?>("since"));
        var page = await context.Services.GetRequiredService<IAuditLog>().QueryAsync(query, context.CancellationToken);
        var edges = page.Entries.Select(e => new Edge<object>(Node(e), e.Id.ToString(CultureInfo.InvariantCulture))).ToList();
        return new
        {
            Edges = edges,
            PageInfo = new PageInfo(page.HasMore, after is not null, edges.FirstOrDefault()?.Cursor, edges.LastOrDefault()?.Cursor),
        };
    }

    private static object Node(AuditEntry entry) => new
    {
        Id = entry.Id.ToString(CultureInfo.InvariantCulture),
        entry.Record.At,
        entry.Record.Actor,
        entry.Record.Operation,
        entry.Record.Target,
        Outcome = GraphEnum.Name(entry.Record.Outcome),
        entry.Record.Reason,
        entry.Record.ClientAddress,
    };
}
