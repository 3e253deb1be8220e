using System.Security.Claims;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.DataProtection;

namespace Crm.Gateway.Sessions;

/// <summary>A signed-in portal user, as the session cookie carries it.</summary>
public sealed record PortalSession(string TenantId, string Slug, string UserId);

/// <summary>
/// The portal's sign-in: an ASP.NET Core authentication cookie (encrypted and signed by Data Protection), HttpOnly and
/// SameSite=Strict so no other site's page can send it. It names the tenant and the user only; the role is looked up
/// on every request (cached and revoked like a key), so a changed role or a deactivated user takes effect at once.
/// </summary>
public static class PortalSessions
{
    public const string Scheme = "crm-session";
    public const string CookieName = "crm_session";
    public static readonly TimeSpan Lifetime = TimeSpan.FromHours(12);

    private const string TenantClaim = "crm:tenant";
    private const string SlugClaim = "crm:slug";

    public static IServiceCollection AddPortalSessions(this IServiceCollection services, IConfiguration configuration)
    {
        // Keys in the data folder let every gateway read every cookie and keep sessions across restarts.
        var protection = services.AddDataProtection().SetApplicationName("crm-gateway");
        if (configuration["Crm:DataDirectory"] is { Length: > 0 } data)
            protection.PersistKeysToFileSystem(new DirectoryInfo(Path.Combine(data, "gateway-keys")));
        services.AddAuthentication(Scheme).AddCookie(Scheme, options =>
        {
            options.Cookie.Name = CookieName;
            options.Cookie.HttpOnly = true;
            options.Cookie.SameSite = SameSiteMode.Strict;
            options.Cookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
            options.ExpireTimeSpan = Lifetime;
            options.SlidingExpiration = true;
            // An API has no login page to redirect to: answer with the status.
            options.Events.OnRedirectToLogin = context => Status(context, StatusCodes.Status401Unauthorized);
            options.Events.OnRedirectToAccessDenied = context => Status(context, StatusCodes.Status403Forbidden);
        });
        return services;
    }

    public static async Task<PortalSession?> ReadAsync(HttpContext http)
    {
        if (!http.Request.Cookies.ContainsKey(CookieName))
            return null;
        var result = await http.AuthenticateAsync(Scheme);
        var principal = result.Principal;
        return result.Succeeded && principal?.FindFirstValue(TenantClaim) is { } tenant && principal.FindFirstValue(SlugClaim) is { } slug
            && principal.FindFirstValue(ClaimTypes.NameIdentifier) is { } user
            ? new PortalSession(tenant, slug, user)
            : null;
    }

    public static Task SignInAsync(HttpContext http, PortalSession session)
    {
        var identity = new ClaimsIdentity(
            [new Claim(TenantClaim, session.TenantId), new Claim(SlugClaim, session.Slug), new Claim(ClaimTypes.NameIdentifier, session.UserId)], Scheme);
        return http.SignInAsync(Scheme, new ClaimsPrincipal(identity));
    }

    public static Task SignOutAsync(HttpContext http) => http.SignOutAsync(Scheme);

    private static Task Status(RedirectContext<CookieAuthenticationOptions> context, int status)
    {
        context.Response.StatusCode = status;
        return Task.CompletedTask;
    }
}
