using Crm.Contracts.Tenants;
using Crm.Contracts.Tenants.Access;
using Crm.Gateway.Audit;
using Crm.Gateway.Cells;
using Crm.Gateway.RateLimiting;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;

namespace Crm.Gateway.Sessions;

/// <summary>The portal's sign-in and sign-out, answered by the gateway itself (the session is the gateway's business).</summary>
public static class SessionApi
{
    public sealed record SignInRequest(string? Tenant, string? Email, string? Password);

    public static IEndpointRouteBuilder MapSessionApi(this IEndpointRouteBuilder app)
    {
        var session = app.MapGroup("/api/session");
        session.MapPost("/", SignInAsync).RequireRateLimiting(AddressRateLimits.SignInPolicy);
        session.MapDelete("/", async (HttpContext http) =>
        {
            await PortalSessions.SignOutAsync(http);
            return Results.NoContent();
        });
        return app;
    }

    private static async Task<IResult> SignInAsync(SignInRequest request, HttpContext http, [FromServices] IGrainFactory grains, [FromServices] ICellClients cells, [FromServices] IPasswordHasher<TenantUser> hasher)
    {
        var slug = request.Tenant?.Trim().ToLowerInvariant() ?? TenantHosts.SlugOf(http.Request.Host);
        var errors = new Dictionary<string, string[]>();
        if (string.IsNullOrEmpty(slug))
            errors["tenant"] = ["Name the tenant (its slug), or sign in on the tenant's own host, {slug}.localhost."];
        if (string.IsNullOrWhiteSpace(request.Email))
            errors["email"] = ["The email is required."];
        if (string.IsNullOrEmpty(request.Password))
            errors["password"] = ["The password is required."];
        if (errors.Count > 0)
            return Results.ValidationProblem(errors, title: "The sign-in was not accepted.");

        // One answer for every failure, so the response does not tell which tenants or emails exist.
        var refused = Results.Problem(statusCode: StatusCodes.Status401Unauthorized, title: "The tenant, email or password is wrong.");
        if (await grains.GetGrain<ITenantSlugGrain>(slug!).GetTenantIdAsync() is not { } tenantId)
            return refused;
        // Slugs are kept in the home cell; the tenant's users in the cell that holds the tenant.
        var access = cells.ForTenant(tenantId).GetGrain<ITenantAccessGrain>(tenantId);
        var email = request.Email!.Trim();
        if (await access.FindUserByEmailAsync(email) is not { } user
            || hasher.VerifyHashedPassword(null!, user.PasswordHash, request.Password!) == PasswordVerificationResult.Failed)
        {
            await GatewayAudit.RecordAsync(http, tenantId, $"email:{email}", "session.sign_in_failed", null, refused: true, "wrong email or password");
            return refused;
        }

        await PortalSessions.SignInAsync(http, new PortalSession(tenantId, slug!, user.UserId));
        await GatewayAudit.RecordAsync(http, tenantId, $"user:{user.UserId}", "session.signed_in", user.UserId, refused: false, null);
        return Results.Ok(new { tenantId, slug, userId = user.UserId });
    }
}
