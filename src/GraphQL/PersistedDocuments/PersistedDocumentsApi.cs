using Crm.Contracts.PersistedDocuments;
using Crm.Contracts.Tenants.Access;
using Crm.GraphQL.Audit;
using Crm.ServiceDefaults.Tenancy;
using GraphQL.Engine.Execution;

namespace Crm.GraphQL.PersistedDocuments;

/// <summary>
/// A tenant's persisted documents: register the operations its programs send (then they may send only
/// <c>documentId</c>), list the settings, remove one, and switch allow-list mode, in which /graphql runs nothing else.
/// </summary>
public static class PersistedDocumentsApi
{
    public static IEndpointRouteBuilder MapPersistedDocumentsApi(this IEndpointRouteBuilder app)
    {
        // Which documents a tenant trusts is the admin's decision: it decides what every key may run.
        var documents = app.MapGroup("/api/persisted-documents").RequirePermission(Permissions.Admin);
        documents.MapGet("/", GetSettingsAsync);
        documents.MapPost("/", AddAsync).Audited("persisted_documents.add");
        documents.MapPut("/allow-list-only", SetAllowListOnlyAsync).Audited("persisted_documents.allow_list_only");
        documents.MapDelete("/{documentId}", RemoveAsync).Audited("persisted_documents.remove", "documentId");
        return app;
    }

    public sealed record AddRequest(IReadOnlyList<string>? Documents);

    public sealed record AddResponse(IReadOnlyList<string> DocumentIds, PersistedDocumentsSettings Settings);

    public sealed record AllowListOnlyRequest(bool? Enabled);

    private static async Task<IResult> GetSettingsAsync(TenantContext tenant, IGrainFactory grains) =>
        Results.Ok(await grains.GetGrain<IPersistedDocumentsGrain>(tenant.RequireTenantId()).GetSettingsAsync());

    private static async Task<IResult> AddAsync(AddRequest request, TenantContext tenant, IGrainFactory grains, DocumentExecutor executor)
    {
        if (request.Documents is not { Count: > 0 } texts)
            return Results.ValidationProblem(new Dictionary<string, string[]> { ["documents"] = ["Send at least one document."] });

        // Only documents that would run are kept: a typo found now is better than one found by the program in production.
        var errors = new Dictionary<string, string[]>();
        for (var i = 0; i < texts.Count; i++)
        {
            if (string.IsNullOrWhiteSpace(texts[i]))
                errors[$"documents[{i}]"] = ["The document is empty."];
            else if (executor.Prepare(texts[i]).Errors is { } documentErrors)
                errors[$"documents[{i}]"] = [.. documentErrors.Select(Describe)];
        }
        if (errors.Count > 0)
            return Results.ValidationProblem(errors, title: "Some documents are not valid against the tenant schema; none was added.");

        string[] ids = [.. texts.Select(DocumentHash.Of)];
        var byId = new Dictionary<string, string>(StringComparer.Ordinal);
        for (var i = 0; i < texts.Count; i++)
            byId[ids[i]] = texts[i];
        try
        {
            var settings = await grains.GetGrain<IPersistedDocumentsGrain>(tenant.RequireTenantId()).AddAsync(byId);
            return Results.Ok(new AddResponse(ids, settings));
        }
        catch (PersistedDocumentsFullException e)
        {
            return Results.Problem(statusCode: StatusCodes.Status409Conflict, title: e.Message);
        }
    }

    private static async Task<IResult> SetAllowListOnlyAsync(
        AllowListOnlyRequest request, TenantContext tenant, IGrainFactory grains, TenantPersistedDocumentStore store)
    {
        if (request.Enabled is not { } enabled)
            return Results.ValidationProblem(new Dictionary<string, string[]> { ["enabled"] = ["Send {\"enabled\": true} or {\"enabled\": false}."] });
        var tenantId = tenant.RequireTenantId();
        var settings = await grains.GetGrain<IPersistedDocumentsGrain>(tenantId).SetAllowListOnlyAsync(enabled);
        store.Remember(tenantId, settings);
        return Results.Ok(settings);
    }

    private static async Task<IResult> RemoveAsync(string documentId, TenantContext tenant, IGrainFactory grains, TenantPersistedDocumentStore store)
    {
        var tenantId = tenant.RequireTenantId();
        var removed = await grains.GetGrain<IPersistedDocumentsGrain>(tenantId).RemoveAsync(documentId);
        store.Forget(tenantId, documentId);
        return removed
            ? Results.NoContent()
            : Results.Problem(statusCode: StatusCodes.Status404NotFound, title: $"This tenant has no persisted document with the id '{documentId}'.");
    }

    private static string Describe(GraphQLError error) =>
        error.Locations is [var at, ..] ? $"{error.Message} (line {at.Line}, column {at.Column})" : error.Message;
}
