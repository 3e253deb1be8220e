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
        var headers = http.Request.Headers;
        var tenantId = headers[TenantContextHeaders.TenantId].ToString();
        if (tenantId.Length > 0)
        {
            var signer = http.RequestServices.GetRequiredService<TenantContextSigner>();
            if (!signer.Verify(tenantId, headers[TenantContextHeaders.Timestamp].ToString(), headers[TenantContextHeaders.Signature].ToString()))
            {
                await Unauthorized(http, "The tenant context is not signed by this cluster's gateway, or it has expired.");
                return;
            }
            http.RequestServices.GetRequiredService<TenantContext>().TenantId = tenantId;
        }
        else if (http.GetEndpoint()?.Metadata.GetMetadata<RequiresTenantMetadata>() is { } requirement && requirement.Refuses(http.Request))
        {
            await Unauthorized(http, "This endpoint needs a tenant: call it through the gateway with 'Authorization: Bearer <API key>'.");
            return;
        }
        await next(http);
    });

    /// <param name="allowAnonymous">Requests the endpoints may serve without a tenant; by default none.</param>
    public static TBuilder RequireTenant<TBuilder>(this TBuilder builder, Func<HttpRequest, bool>? allowAnonymous = null)
        where TBuilder : IEndpointConventionBuilder =>
        builder.WithMetadata(new RequiresTenantMetadata(allowAnonymous));

    private static Task Unauthorized(HttpContext http, string message)
    {
        http.Response.StatusCode = StatusCodes.Status401Unauthorized;
        return http.Response.WriteAsJsonAsync(new { errors = new[] { new { message } } });
    }
}
