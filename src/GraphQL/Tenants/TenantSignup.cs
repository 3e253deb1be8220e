using System.Net.Mail;

namespace Crm.GraphQL.Tenants;

/// <summary>The body of POST /api/tenants.</summary>
public sealed record TenantSignupRequest(string? CompanyName, string? AdminEmail, string? Password);

public sealed record TenantSignupResponse(string TenantId, string Slug, string ApiKey);

/// <summary>The checks a sign-up must pass before anything is stored.</summary>
public static class TenantSignupRules
{
    public const int MaxCompanyNameLength = 100;
    public const int MinPasswordLength = 8;
    public const int MaxPasswordLength = 256;

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
        if (!MailAddress.TryCreate(email, out var address) || address.Address != email || !address.Host.Contains('.'))
            errors["adminEmail"] = ["The admin email must be an address like name@example.com."];

        var password = request.Password ?? "";
        if (password.Length < MinPasswordLength)
            errors["password"] = [$"The password needs at least {MinPasswordLength} characters."];
        else if (password.Length > MaxPasswordLength)
            errors["password"] = [$"The password may have at most {MaxPasswordLength} characters."];
        return errors;
    }
}
