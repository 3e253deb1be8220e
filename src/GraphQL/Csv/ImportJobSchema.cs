using Crm.Contracts;
using Crm.Contracts.Imports;
using Crm.Contracts.Tenants.Access;
using Crm.GraphQL.Access;
using Crm.GraphQL.Customers;
using GraphQL.Engine.Execution;
using GraphQL.Engine.Types;

namespace Crm.GraphQL.Csv;

/// <summary>
/// <c>importJob(id)</c>: the progress of a CSV import, for a program that sent the file and polls for the report
/// (the same progress <c>GET /api/imports/{id}</c> answers).
/// </summary>
public static class ImportJobSchema
{
    public static SchemaBuilder AddImportJobs(this SchemaBuilder schema) => schema
        .AddTypeDefinitions(EmbeddedText.Load("Csv/import-jobs.graphql"))
        .AddQuery("importJob", Permissions.Read, FindAsync)
        .AddResolver("ImportJob", "id", context => ((ImportProgress)context.Parent!).ImportId)
        .AddResolver("ImportJob", "rowErrors", RowErrors);

    private static async ValueTask<object?> FindAsync(IResolverContext context)
    {
        var importId = context.Argument<string>("id")!;
        if (ImportIds.Problem(importId) is { } problem)
            throw new GraphQLException(problem, "BAD_USER_INPUT");
        var progress = await context.Services.GetRequiredService<IGrainFactory>()
            .GetGrain<IImportJobGrain>(TenantKey.For(CustomersSchema.TenantId(context), importId)).GetProgressAsync();
        return progress.StartedAt is null ? null : progress;
    }

    private static object? RowErrors(IResolverContext context)
    {
        var first = context.Argument<int>("first");
        if (first < 0)
            throw new GraphQLException($"first must be 0 or more, not {first}.", "BAD_USER_INPUT");
        return ((ImportProgress)context.Parent!).Errors.Take(first).ToList();
    }
}
