using System.Security.Cryptography;
using System.Text;
using Crm.Contracts.Analytics;
using Crm.Contracts.Tenants;
using Crm.Contracts.Tenants.Access;
using Crm.Contracts.Tenants.Directory;
using Crm.Contracts.Tenants.Erasure;
using Crm.Contracts.Tenants.Plans;
using Crm.Contracts.Tenants.Usage;
using Crm.Gateway.Cells;
using Microsoft.AspNetCore.Mvc;

namespace Crm.Gateway.Operators;

/// <summary>
/// What operators do to tenants, on the gateway itself (never forwarded to a service): see where a tenant is and
/// what it used, change its plan, suspend and resume it, export all its data, move it to another cell, erase it. Each call needs "Authorization: Bearer &lt;operator token&gt;", the
/// token the AppHost keeps in the data folder (Crm:OperatorToken); without a configured token the API is off.
/// </summary>
public static class OperatorApi
{
    public const string TokenKey = "Crm:OperatorToken";

    public static WebApplication MapOperatorApi(this WebApplication app)
    {
        var ops = app.MapGroup("/ops").AddEndpointFilter(RequireOperator);
        ops.MapGet("/cells", (GatewayCells cells) => Results.Ok(new
        {
            home = cells.Home,
            cells = cells.All.Values.Select(c => new { name = c.Name, graphql = c.GraphQL, clusterId = c.Orleans?["ClusterId"] }),
        }));
        ops.MapGet("/tenants/{tenantId}", (string tenantId, TenantDirectoryView view) =>
            TenantIds.IsValid(tenantId) ? Results.Ok(Describe(tenantId, view.PlacementOf(tenantId), view.Version, view.HeldNow(tenantId))) : NotATenant(tenantId));
        ops.MapPost("/tenants/{tenantId}/suspend", (string tenantId, ITenantDirectoryGrain directory, TenantDirectoryView view) =>
            ChangeAsync(tenantId, view, () => directory.SuspendAsync(tenantId)));
        ops.MapPost("/tenants/{tenantId}/resume", (string tenantId, ITenantDirectoryGrain directory, TenantDirectoryView view) =>
            ChangeAsync(tenantId, view, () => directory.ResumeAsync(tenantId)));
        ops.MapGet("/tenants/{tenantId}/usage", async (string tenantId, DateOnly? from, DateOnly? to, [FromServices] ICellClients cells) =>
        {
            if (!TenantIds.IsValid(tenantId))
                return NotATenant(tenantId);
            var grains = cells.ForTenant(tenantId);
            var plan = await grains.GetGrain<ITenantAccessGrain>(tenantId).GetPlanAsync();
            var last = to ?? DateOnly.FromDateTime(DateTime.UtcNow);
            return Results.Ok(new
            {
                tenantId,
                plan = PlanLimits.NameOf(plan),
                limits = PlanLimits.Of(plan),
                customers = await grains.GetGrain<ITenantAnalyticsGrain>(tenantId).CountCustomersAsync(),
                days = await grains.GetGrain<ITenantUsageGrain>(tenantId).GetAsync(from ?? last.AddDays(-29), last),
            });
        });
        ops.MapPut("/tenants/{tenantId}/plan", async (string tenantId, string? plan, [FromServices] ICellClients cells) =>
        {
            if (!TenantIds.IsValid(tenantId))
                return NotATenant(tenantId);
            if (!PlanLimits.TryParse(plan, out var chosen))
                return Error(StatusCodes.Status400BadRequest, "BAD_REQUEST", "Name the plan: PUT /ops/tenants/{id}/plan?plan=free|pro|enterprise.");
            await cells.ForTenant(tenantId).GetGrain<ITenantAccessGrain>(tenantId).ChangePlanAsync(chosen);
            return Results.Ok(new { tenantId, plan = PlanLimits.NameOf(chosen), limits = PlanLimits.Of(chosen) });
        });
        ops.MapGet("/tenants/{tenantId}/export", TenantExports.ForwardAsync);
        // Erasure: every row and activation of the tenant in its cell; safe to call again after a failure.
        ops.MapDelete("/tenants/{tenantId}", async (string tenantId, [FromServices] ICellClients cells) =>
            TenantIds.IsValid(tenantId)
                ? Results.Ok(await cells.ForTenant(tenantId).GetGrain<ITenantErasureGrain>(tenantId).EraseAsync())
                : NotATenant(tenantId));
        ops.MapPost("/tenants/{tenantId}/move", async (string tenantId, string? cell, TenantMover mover) =>
        {
            if (!TenantIds.IsValid(tenantId))
                return NotATenant(tenantId);
            if (string.IsNullOrEmpty(cell))
                return Error(StatusCodes.Status400BadRequest, "BAD_REQUEST", "Say where to: POST /ops/tenants/{id}/move?cell=<cell name> (GET /ops/cells lists them).");
            try
            {
                return Results.Ok(await mover.MoveAsync(tenantId, cell));
            }
            catch (ArgumentException e)
            {
                return Error(StatusCodes.Status400BadRequest, "BAD_REQUEST", e.Message);
            }
            catch (TenantDirectoryConflictException e)
            {
                return Error(StatusCodes.Status409Conflict, "CONFLICT", e.Message);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                // The mover has put the tenant back, active where it was; the operator needs the cause to act on it.
                return Error(StatusCodes.Status500InternalServerError, "MOVE_FAILED",
                    $"The move failed and the tenant stays where it was ({e.GetType().Name}: {e.Message}). Fix the cause and move it again.");
            }
        });
        return app;
    }

    private static async Task<IResult> ChangeAsync(string tenantId, TenantDirectoryView view, Func<Task<TenantDirectory>> change)
    {
        if (!TenantIds.IsValid(tenantId))
            return NotATenant(tenantId);
        try
        {
            var directory = await change();
            // This gateway acts on the change at once; the others see it at their next poll.
            view.Apply(directory);
            return Results.Ok(Describe(tenantId, directory.PlacementOf(tenantId), directory.Version));
        }
        catch (TenantDirectoryConflictException e)
        {
            return Error(StatusCodes.Status409Conflict, "CONFLICT", e.Message);
        }
    }

    private static object Describe(string tenantId, TenantPlacement placement, long version, int heldRequests = 0) => new
    {
        tenantId,
        cell = placement.Cell,
        status = placement.Status.ToString().ToLowerInvariant(),
        targetCell = placement.TargetCell,
        directoryVersion = version,
        heldRequests,
    };

    private static async ValueTask<object?> RequireOperator(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        var http = context.HttpContext;
        var token = http.RequestServices.GetRequiredService<IConfiguration>()[TokenKey];
        if (string.IsNullOrEmpty(token))
            return Error(StatusCodes.Status404NotFound, "NOT_FOUND", $"The operator API is off: {TokenKey} is not set (the AppHost sets it).");
        const string scheme = "Bearer ";
        var authorization = http.Request.Headers.Authorization.ToString();
        var given = authorization.StartsWith(scheme, StringComparison.OrdinalIgnoreCase) ? authorization[scheme.Length..].Trim() : "";
        // Compared in constant time, so timing does not reveal how much of a guess was right.
        if (!CryptographicOperations.FixedTimeEquals(SHA256.HashData(Encoding.UTF8.GetBytes(given)), SHA256.HashData(Encoding.UTF8.GetBytes(token))))
        {
            http.Response.Headers.WWWAuthenticate = "Bearer";
            return Error(StatusCodes.Status401Unauthorized, "UNAUTHENTICATED",
                "The operator API needs 'Authorization: Bearer <operator token>'; the token is the file operator.token in the AppHost's data folder.");
        }
        return await next(context);
    }

    internal static IResult NotATenant(string tenantId) => Error(StatusCodes.Status400BadRequest, "BAD_REQUEST", $"'{tenantId}' is not a tenant id.");

    internal static IResult Error(int status, string code, string message) =>
        Results.Json(new { errors = new[] { new { message, extensions = new { code } } } }, statusCode: status);
}
