using Crm.Contracts.Tenants;
using Crm.Contracts.Tenants.Access;
using Crm.Contracts.Tenants.Plans;
using Crm.Gateway.Audit;
using Crm.Gateway.Routing;
using Crm.Gateway.Sessions;
using Crm.ServiceDefaults.Tenancy;
using Microsoft.Net.Http.Headers;
using Yarp.ReverseProxy.Model;

namespace Crm.Gateway.Authentication;

/// <summary>
/// Runs for every proxied request, after routing and before the rate limiter: removes whatever internal headers the
/// caller sent, authenticates an API key ("Authorization: Bearer …") or the portal's session cookie, and puts the
/// signed tenant context the services trust on the request. A tenant route without a good credential is refused.
/// </summary>
public static class TenantAuthentication
{
    public static IApplicationBuilder UseTenantAuthentication(this IApplicationBuilder app) => app.Use(async (http, next) =>
    {
        if (http.GetEndpoint()?.Metadata.GetMetadata<RouteModel>() is not { } route)
        {
            await next(http);
            return;
        }
        var headers = http.Request.Headers;
        // Whatever tenant headers a caller sent are theirs, not ours: never forward them.
        foreach (var name in TenantContextHeaders.All)
            headers.Remove(name);

        var outcome = await AuthenticateAsync(http);
        if (outcome.Error is { } error)
        {
            await Refuse(http, error);
            return;
        }
        if (outcome.Claims is { } claims)
        {
            http.Features.Set(claims);
            // The services never need the credential itself; do not spread it further than here.
            headers.Remove(HeaderNames.Authorization);
            headers.Remove(HeaderNames.Cookie);
            TenantContextHeaders.Write(headers, claims, http.RequestServices.GetRequiredService<TenantContextSigner>().Sign(claims));
        }
        else if (route.Config.Metadata?.GetValueOrDefault(GatewayRoutes.AccessKey) != GatewayRoutes.Anonymous)
        {
            await Refuse(http, "An API key is required: send 'Authorization: Bearer <API key>', or sign in to the portal. Create a tenant with POST /api/tenants to get one.");
            return;
        }
        await next(http);
    });

    private readonly record struct Outcome(TenantClaims? Claims, string? Error);

    private static async Task<Outcome> AuthenticateAsync(HttpContext http)
    {
        var credentials = http.RequestServices.GetRequiredService<ITenantCredentials>();
        var client = GatewayAudit.ClientAddress(http);
        var authorization = http.Request.Headers.Authorization.ToString();
        if (authorization.Length > 0)
        {
            const string scheme = "Bearer ";
            if (!authorization.StartsWith(scheme, StringComparison.OrdinalIgnoreCase) || !ApiKey.TryParse(authorization[scheme.Length..].Trim(), out var key))
                return new(null, "The Authorization header is not 'Bearer <API key>' with a key of the form crm_<tenant>_<secret>.");
            if (await credentials.VerifyKeyAsync(key, http.RequestAborted) is not { } access)
            {
                // The tenant learns that someone still uses a key it revoked (or guesses one): named by its shown prefix.
                if (TenantIds.IsValid(key.TenantId))
                    await GatewayAudit.RecordAsync(http, key.TenantId, $"key:{key.DisplayPrefix}", "request.refused", http.Request.Path,
                        refused: true, "UNAUTHENTICATED: the API key is unknown, revoked or expired");
                return new(null, "The API key is not valid: it is unknown, revoked or expired.");
            }
            return new(new TenantClaims(key.TenantId, $"key:{access.KeyId}", AccessRules.PermissionsOf(access.Scopes), PlanLimits.NameOf(access.Plan), client), null);
        }

        if (await PortalSessions.ReadAsync(http) is not { } session)
            return default;
        if (await credentials.VerifyUserAsync(session.TenantId, session.UserId, http.RequestAborted) is not { } user)
            return new(null, "The session has ended: the user was deactivated. Sign in again.");
        if (TenantHosts.SlugOf(http.Request.Host) is { } slug && slug != session.Slug)
            return new(null, $"This session belongs to the tenant '{session.Slug}', not to '{slug}'. Sign in to '{slug}'.");
        return new(new TenantClaims(session.TenantId, $"user:{user.UserId}", AccessRules.PermissionsOf(user.Role), PlanLimits.NameOf(user.Plan), client), null);
    }

    private static Task Refuse(HttpContext http, string message)
    {
        http.Response.StatusCode = StatusCodes.Status401Unauthorized;
        http.Response.Headers.WWWAuthenticate = "Bearer";
        return http.Response.WriteAsJsonAsync(new { errors = new[] { new { message, extensions = new { code = "UNAUTHENTICATED" } } } });
    }
}
