using System.Text;
using Crm.Contracts;
using Crm.Contracts.Imports;
using Crm.Contracts.Tenants.Access;
using Crm.Contracts.Tenants.Plans;
using Crm.CustomerCsv.Export;
using Crm.CustomerCsv.Import;
using Crm.CustomerReadModel;
using Crm.CustomerReadModel.Queries;
using Crm.ServiceDefaults.Tenancy;
using Microsoft.AspNetCore.Http.Features;

using Crm.GraphQL.Audit;

namespace Crm.GraphQL.Csv;

/// <summary>
/// The tenant's customers as CSV files. <c>POST /api/imports/{importId}</c> takes a text/csv body, read as it
/// arrives, and answers the import's final progress (JSON); <c>GET /api/imports/{importId}</c> answers the progress
/// so far. Sending the same file to the same id again resumes after the last committed row. <c>GET
/// /api/customers.csv</c> streams the filtered list.
/// </summary>
public static class CustomerCsvApi
{
    public const string ColumnsHeader = "X-Crm-Columns";

    public static IEndpointRouteBuilder MapCustomerCsvApi(this IEndpointRouteBuilder app)
    {
        var imports = app.MapGroup("/api/imports");
        imports.MapPost("/{importId}", ImportAsync).RequirePermission(Permissions.CustomersWrite).Audited("csv.import", "importId");
        imports.MapGet("/{importId}", GetProgressAsync).RequirePermission(Permissions.Read);
        app.MapGet("/api/customers.csv", ExportAsync).RequirePermission(Permissions.Read);
        return app;
    }

    private static async Task<IResult> ImportAsync(
        string importId, string? columns, HttpContext context, TenantContext tenant, IGrainFactory grains)
    {
        if (InvalidImportId(importId) is { } invalid)
            return invalid;
        if (context.Request.ContentType is not { } type || !type.StartsWith("text/csv", StringComparison.OrdinalIgnoreCase))
            return Results.Problem(statusCode: StatusCodes.Status415UnsupportedMediaType,
                title: "Send the file as the request body with Content-Type: text/csv (UTF-8, a header row first).");
        ColumnMapping mapping;
        try
        {
            mapping = ColumnMapping.Parse(context.Request.Headers[ColumnsHeader].FirstOrDefault() ?? columns);
        }
        catch (CsvMappingException e)
        {
            return Results.Problem(statusCode: StatusCodes.Status400BadRequest, title: e.Message);
        }

        // A file of a million customers is far above Kestrel's default body limit; it is read as it arrives, so its
        // size costs no memory.
        if (context.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } limit)
            limit.MaxRequestBodySize = null;
        using var body = new StreamReader(context.Request.Body, Encoding.UTF8, detectEncodingFromByteOrderMarks: true);
        try
        {
            var limits = PlanLimits.Of(tenant.RequireClaims().Plan);
            var progress = await new CsvImporter(grains).RunAsync(
                tenant.RequireTenantId(), importId, body, mapping, maxRows: limits.MaxImportRows, cancellationToken: context.RequestAborted);
            return Results.Ok(progress);
        }
        catch (ImportTooLargeException e)
        {
            var progress = await grains.GetGrain<IImportJobGrain>(TenantKey.For(tenant.RequireTenantId(), importId)).CompleteAsync(e.MaxRows);
            return Results.Problem(statusCode: StatusCodes.Status413PayloadTooLarge, title: e.Message,
                extensions: new Dictionary<string, object?> { ["progress"] = progress });
        }
        catch (CsvMappingException e)
        {
            return Results.Problem(statusCode: StatusCodes.Status400BadRequest, title: e.Message);
        }
    }

    private static async Task<IResult> GetProgressAsync(string importId, TenantContext tenant, IGrainFactory grains)
    {
        if (InvalidImportId(importId) is { } invalid)
            return invalid;
        var progress = await grains.GetGrain<IImportJobGrain>(TenantKey.For(tenant.RequireTenantId(), importId)).GetProgressAsync();
        return progress.StartedAt is null
            ? Results.Problem(statusCode: StatusCodes.Status404NotFound, title: $"No rows were imported under '{importId}' yet: POST the file to /api/imports/{importId}.")
            : Results.Ok(progress);
    }

    private static async Task ExportAsync(HttpContext context, TenantContext tenant, ICustomerReadModel readModel)
    {
        var tenantId = tenant.RequireTenantId();
        if (ExportQuery.Parse(context.Request.Query, out var filter, out var sort) is { } error)
        {
            await Results.Problem(statusCode: StatusCodes.Status400BadRequest, title: error).ExecuteAsync(context);
            return;
        }
        context.Response.ContentType = "text/csv; charset=utf-8";
        context.Response.Headers.ContentDisposition = "attachment; filename=\"customers.csv\"";
        await using var output = new StreamWriter(context.Response.Body, new UTF8Encoding(false), bufferSize: 64 * 1024, leaveOpen: true);
        await CustomerCsvExport.WriteAsync(readModel, tenantId, filter, sort, output, context.RequestAborted);
    }

    private static IResult? InvalidImportId(string importId) =>
        ImportIds.Problem(importId) is { } problem ? Results.Problem(statusCode: StatusCodes.Status400BadRequest, title: problem) : null;
}
