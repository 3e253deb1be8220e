using Microsoft.AspNetCore.Http;

namespace Crm.ServiceDefaults.Tenancy;

/// <summary>The tenant a request acts for, as established by the gateway's signed headers; one per request.</summary>
public sealed class TenantContext
{
    /// <summary>Null for anonymous requests (such as tenant sign-up).</summary>
    public TenantClaims? Claims { get; internal set; }

    public string? TenantId => Claims?.TenantId;

    public string RequireTenantId() => RequireClaims().TenantId;

    public TenantClaims RequireClaims() =>
        Claims ?? throw new UnauthorizedAccessException("This operation needs a tenant: call it through the gateway with an API key.");
}

/// <summary>Endpoint metadata: the endpoint answers 401 unless the request carries a verified tenant.</summary>
/// <param name="AllowAnonymous">Requests the endpoint may serve without a tenant (such as a static page); null for none.</param>
public sealed record RequiresTenantMetadata(Func<HttpRequest, bool>? AllowAnonymous = null)
{
    public bool Refuses(HttpRequest request) => AllowAnonymous is null || !AllowAnonymous(request);
}

/// <summary>Endpoint metadata: the endpoint answers 403 unless the verified tenant context holds the permission.</summary>
public sealed record RequiresPermissionMetadata(string Permission);
