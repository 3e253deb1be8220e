using Crm.Contracts.Tenants;
using Crm.Gateway.Routing;
using Crm.ServiceDefaults.Tenancy;
using Microsoft.Net.Http.Headers;
using Yarp.ReverseProxy.Model;

namespace Crm.Gateway.Authentication;

/// <summary>
/// Runs in the proxy pipeline, before a request is forwarded: turns "Authorization: Bearer &lt;API key&gt;" into the
/// signed tenant context the services trust, and refuses a tenant route without a valid key.
/// </summary>
public static class TenantAuthentication
{
    public static IReverseProxyApplicationBuilder UseTenantAuthentication(this IReverseProxyApplicationBuilder proxy)
    {
        proxy.Use(async (http, next) =>
        {
            var headers = http.Request.Headers;
            // Whatever tenant headers a caller sent are theirs, not ours: never forward them.
            foreach (var name in TenantContextHeaders.All)
                headers.Remove(name);

            var authorization = headers.Authorization.ToString();
            var access = http.GetReverseProxyFeature().Route.Config.Metadata?.GetValueOrDefault(GatewayRoutes.AccessKey);
            if (authorization.Length == 0)
            {
                if (access == GatewayRoutes.Anonymous)
                {
                    await next();
                    return;
                }
                await Refuse(http, "An API key is required: send 'Authorization: Bearer <API key>'. Create a tenant with POST /api/tenants to get one.");
                return;
            }

            const string scheme = "Bearer ";
            if (!authorization.StartsWith(scheme, StringComparison.OrdinalIgnoreCase)
                || !ApiKey.TryParse(authorization[scheme.Length..].Trim(), out var key))
            {
                await Refuse(http, "The Authorization header is not 'Bearer <API key>' with a key of the form crm_<tenant>_<secret>.");
                return;
            }
            var verifier = http.RequestServices.GetRequiredService<IApiKeyVerifier>();
            if (!await verifier.IsValidAsync(key, http.RequestAborted))
            {
                await Refuse(http, "The API key is not valid.");
                return;
            }

            // The services never need the key itself; do not spread the credential further than here.
            headers.Remove(HeaderNames.Authorization);
            var (timestamp, signature) = http.RequestServices.GetRequiredService<TenantContextSigner>().Sign(key.TenantId);
            headers[TenantContextHeaders.TenantId] = key.TenantId;
            headers[TenantContextHeaders.Timestamp] = timestamp;
            headers[TenantContextHeaders.Signature] = signature;
            await next();
        });
        return proxy;
    }

    private static Task Refuse(HttpContext http, string message)
    {
        http.Response.StatusCode = StatusCodes.Status401Unauthorized;
        http.Response.Headers.WWWAuthenticate = "Bearer";
        return http.Response.WriteAsJsonAsync(new { errors = new[] { new { message, extensions = new { code = "UNAUTHENTICATED" } } } });
    }
}
