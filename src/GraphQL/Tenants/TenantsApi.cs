using Crm.Contracts.Tenants;
using Crm.ServiceDefaults.Tenancy;
using Microsoft.AspNetCore.Identity;

namespace Crm.GraphQL.Tenants;

/// <summary>Tenant sign-up and the calling tenant's own record.</summary>
public static class TenantsApi
{
    // Enough for any real company name; past it the name is most likely being sprayed, and we stop probing.
    private const int SlugAttempts = 50;

    public static IEndpointRouteBuilder MapTenantsApi(this IEndpointRouteBuilder app)
    {
        var tenants = app.MapGroup("/api/tenants");
        tenants.MapPost("/", SignUpAsync);
        tenants.MapGet("/me", GetCurrentAsync).RequireTenant();
        return app;
    }

    private static async Task<IResult> SignUpAsync(TenantSignupRequest request, IGrainFactory grains, IPasswordHasher<TenantSignupRequest> hasher)
    {
        var errors = TenantSignupRules.Validate(request);
        if (errors.Count > 0)
            return Results.ValidationProblem(errors, title: "The sign-up was not accepted.");

        var companyName = request.CompanyName!.Trim();
        var tenantId = TenantIds.New();
        string? slug = null;
        foreach (var candidate in Slugs.Candidates(Slugs.From(companyName), SlugAttempts))
        {
            if (await grains.GetGrain<ITenantSlugGrain>(candidate).ClaimAsync(tenantId))
            {
                slug = candidate;
                break;
            }
        }
        if (slug is null)
            return Results.Problem(statusCode: StatusCodes.Status409Conflict,
                title: $"Too many tenants already use names like '{companyName}'. Choose a more distinctive company name.");

        var apiKey = ApiKey.Create(tenantId);
        await grains.GetGrain<ITenantGrain>(tenantId).RegisterAsync(new TenantRegistration(
            companyName, slug, request.AdminEmail!.Trim(), hasher.HashPassword(request, request.Password!), apiKey.SecretHash));
        // The only time the key is ever shown: only its hash is stored.
        return Results.Created("/api/tenants/me", new TenantSignupResponse(tenantId, slug, apiKey.ToString()));
    }

    private static async Task<IResult> GetCurrentAsync(TenantContext tenant, IGrainFactory grains) =>
        await grains.GetGrain<ITenantGrain>(tenant.RequireTenantId()).GetAsync() is { } summary
            ? Results.Ok(summary)
            : Results.NotFound();
}
