using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace Crm.ServiceDefaults.Tenancy;

public static class TenantContextExtensions
{
    public static void AddTenantContext(this IHostApplicationBuilder builder)
    {
        builder.Services.AddSingleton(TimeProvider.System);
        builder.Services.AddSingleton(sp => new TenantContextSigner(
            TenantContextSigner.ParseSecret(builder.Configuration[TenantContextSigner.SecretConfigurationKey]),
            sp.GetRequiredService<TimeProvider>()));
        builder.Services.AddScoped<TenantContext>();
    }

    /// <summary>
    /// Verifies the gateway's tenant headers. A forged or expired signature is refused outright (401), never
    /// downgraded to anonymous; endpoints marked with <see cref="RequireTenant{TBuilder}"/> refuse anonymous callers.
    /// </summary>
    public static void UseTenantContext(this WebApplication app) => app.Use(async (http, next) =>
    {
        var endpoint = http.GetEndpoint();
        if (TenantContextHeaders.Read(http.Request.Headers) is var (claims, stamp))
        {
            if (!http.RequestServices.GetRequiredService<TenantContextSigner>().Verify(claims, stamp))
            {
                await Refuse(http, StatusCodes.Status401Unauthorized,
                    "The tenant context is not signed by this cluster's gateway, has expired, or was already used.");
                return;
            }
            http.RequestServices.GetRequiredService<TenantContext>().Claims = claims;
            if (endpoint?.Metadata.GetMetadata<RequiresPermissionMetadata>() is { } needed && !claims.Has(needed.Permission))
            {
                await Refuse(http, StatusCodes.Status403Forbidden, $"This needs the '{needed.Permission}' permission, which the caller's role or API key does not give.");
                return;
            }
        }
        else if (endpoint?.Metadata.GetMetadata<RequiresTenantMetadata>() is { } requirement && requirement.Refuses(http.Request))
        {
            await Refuse(http, StatusCodes.Status401Unauthorized, "This endpoint needs a tenant: call it through the gateway with 'Authorization: Bearer <API key>'.");
            return;
        }
        await next(http);
    });

    /// <param name="allowAnonymous">Requests the endpoints may serve without a tenant; by default none.</param>
    public static TBuilder RequireTenant<TBuilder>(this TBuilder builder, Func<HttpRequest, bool>? allowAnonymous = null)
        where TBuilder : IEndpointConventionBuilder =>
        builder.WithMetadata(new RequiresTenantMetadata(allowAnonymous));

    /// <summary>Refuses callers whose role or key lacks <paramref name="permission"/> (403); implies <see cref="RequireTenant{TBuilder}"/>.</summary>
    public static TBuilder RequirePermission<TBuilder>(this TBuilder builder, string permission)
        where TBuilder : IEndpointConventionBuilder =>
        builder.RequireTenant().WithMetadata(new RequiresPermissionMetadata(permission));

    private static Task Refuse(HttpContext http, int status, string message)
    {
        http.Response.StatusCode = status;
        return http.Response.WriteAsJsonAsync(new { errors = new[] { new { message } } });
    }
}
