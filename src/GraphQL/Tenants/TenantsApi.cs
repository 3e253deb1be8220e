using Crm.Contracts.Tenants;
using Crm.Contracts.Tenants.Access;
using Crm.Contracts.Tenants.Plans;
using Crm.GraphQL.Audit;
using Crm.ServiceDefaults.Tenancy;
using Microsoft.AspNetCore.Identity;

namespace Crm.GraphQL.Tenants;

/// <summary>Tenant sign-up, accepting an invitation, and the calling tenant's own record.</summary>
public static class TenantsApi
{
    // Enough for any real company name; past it the name is most likely being sprayed, and we stop probing.
    private const int SlugAttempts = 50;

    public static IEndpointRouteBuilder MapTenantsApi(this IEndpointRouteBuilder app)
    {
        var tenants = app.MapGroup("/api/tenants");
        tenants.MapPost("/", SignUpAsync);
        tenants.MapGet("/me", GetCurrentAsync).RequirePermission(Permissions.Read);
        app.MapPost("/api/invitations/accept", AcceptInvitationAsync);
        return app;
    }

    private static async Task<IResult> SignUpAsync(TenantSignupRequest request, IGrainFactory grains, IPasswordHasher<TenantUser> hasher, IServiceProvider services)
    {
        var errors = TenantSignupRules.Validate(request);
        if (errors.Count > 0)
            return Results.ValidationProblem(errors, title: "The sign-up was not accepted.");

        var companyName = request.CompanyName!.Trim();
        var adminEmail = request.AdminEmail!.Trim();
        var plan = PlanLimits.PlanOf(request.Plan);
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
        var admin = new NewUser(adminEmail, adminEmail, TenantRole.Admin, hasher.HashPassword(null!, request.Password!));
        var firstKey = new NewApiKey("First key (from sign-up)", [ApiKeyScope.Admin], apiKey.SecretHash, apiKey.DisplayPrefix, ExpiresAt: null, CreatedBy: "sign-up");
        await grains.GetGrain<ITenantAccessGrain>(tenantId).InitializeAsync(plan, admin, firstKey);
        await grains.GetGrain<ITenantGrain>(tenantId).RegisterAsync(new TenantRegistration(companyName, slug, adminEmail));
        // The tenant's first entry: its admin created it. Sign-up comes through no tenant context, so no client address.
        var adminId = (await grains.GetGrain<ITenantAccessGrain>(tenantId).ListUsersAsync()).Single().Id;
        await MutationAudit.RecordAsync(services, tenantId, $"user:{adminId}", null, "tenant.created", tenantId, AuditLog.AuditOutcome.Ok, null, CancellationToken.None);
        // The only time the key is ever shown: only its hash is stored.
        return Results.Created("/api/tenants/me", new TenantSignupResponse(tenantId, slug, PlanLimits.NameOf(plan), apiKey.ToString(), apiKey.DisplayPrefix));
    }

    private static async Task<IResult> AcceptInvitationAsync(InvitationAcceptance request, IGrainFactory grains, IPasswordHasher<TenantUser> hasher, IServiceProvider services)
    {
        var errors = new Dictionary<string, string[]>();
        if (!ApiKey.TryParse(request.Token, out var token, ApiKey.InvitationPrefix) || !TenantIds.IsValid(token.TenantId))
            errors["token"] = ["The invitation token is not one this service issued: copy the whole token from the invitation."];
        if (string.IsNullOrWhiteSpace(request.Name))
            errors["name"] = ["Your name is required."];
        if (PasswordRules.Check(request.Password) is { } passwordError)
            errors["password"] = [passwordError];
        if (errors.Count > 0)
            return Results.ValidationProblem(errors, title: "The invitation was not accepted.");
        try
        {
            var user = await grains.GetGrain<ITenantAccessGrain>(token.TenantId)
                .AcceptInvitationAsync(token.SecretHash, request.Name!.Trim(), hasher.HashPassword(null!, request.Password!));
            await MutationAudit.RecordAsync(services, token.TenantId, $"user:{user.Id}", null, "invitation.accepted", user.Id, AuditLog.AuditOutcome.Ok, null, CancellationToken.None);
            return Results.Ok(new { tenantId = token.TenantId, user });
        }
        catch (AccessException e)
        {
            return Results.ValidationProblem(new Dictionary<string, string[]> { [e.Field] = [e.Message] }, title: "The invitation was not accepted.");
        }
    }

    private static async Task<IResult> GetCurrentAsync(TenantContext tenant, IGrainFactory grains) =>
        await grains.GetGrain<ITenantGrain>(tenant.RequireTenantId()).GetAsync() is { } summary
            ? Results.Ok(summary)
            : Results.NotFound();
}

public sealed record InvitationAcceptance(string? Token, string? Name, string? Password);
