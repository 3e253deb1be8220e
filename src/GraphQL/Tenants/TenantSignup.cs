using System.Net.Mail;
using Crm.Contracts.Tenants.Plans;

namespace Crm.GraphQL.Tenants;

/// <summary>The body of POST /api/tenants.</summary>
/// <param name="Plan">free (the default), pro or enterprise.</param>
public sealed record TenantSignupRequest(string? CompanyName, string? AdminEmail, string? Password, string? Plan = null);

/// <param name="ApiKey">The tenant's first API key, with every scope; shown only here.</param>
public sealed record TenantSignupResponse(string TenantId, string Slug, string Plan, string ApiKey, string ApiKeyPrefix);

/// <summary>The checks a sign-up must pass before anything is stored.</summary>
public static class TenantSignupRules
{
    public const int MaxCompanyNameLength = 100;

    /// <summary>Every problem, by field, so the form can show them all at once; empty when the request is valid.</summary>
    public static Dictionary<string, string[]> Validate(TenantSignupRequest request)
    {
        var errors = new Dictionary<string, string[]>();
        var company = request.CompanyName?.Trim() ?? "";
        if (company.Length == 0)
            errors["companyName"] = ["The company name is required."];
        else if (company.Length > MaxCompanyNameLength)
            errors["companyName"] = [$"The company name may have at most {MaxCompanyNameLength} characters."];

        var email = request.AdminEmail?.Trim() ?? "";
        if (!IsEmail(email))
            errors["adminEmail"] = ["The admin email must be an address like name@example.com."];

        if (PasswordRules.Check(request.Password) is { } passwordError)
            errors["password"] = [passwordError];
        if (request.Plan is not null && !PlanLimits.TryParse(request.Plan, out _))
            errors["plan"] = ["The plan must be free, pro or enterprise."];
        return errors;
    }

    public static bool IsEmail(string email) =>
        MailAddress.TryCreate(email, out var address) && address.Address == email && address.Host.Contains('.');
}
