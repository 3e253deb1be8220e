using Actors;

namespace Crm.Contracts.Tenants;

/// <summary>One tenant company, keyed by its tenant id.</summary>
public interface ITenantActor : IActor
{
    /// <summary>Records the tenant once; a second registration of the same id fails.</summary>
    Task<TenantSummary> RegisterAsync(TenantRegistration registration);

    /// <summary>True when <paramref name="apiKeySecretHash"/> is the hash of one of this tenant's live API keys.</summary>
    [ReadOnly]
    Task<bool> VerifyApiKeyAsync(string apiKeySecretHash);

    [ReadOnly]
    Task<TenantSummary?> GetAsync();
}

/// <param name="PasswordHash">The admin password, already hashed by the caller; the plain password never reaches an actor.</param>
/// <param name="ApiKeySecretHash">SHA-256 (hex) of the secret part of the tenant's first API key.</param>
public sealed record TenantRegistration(string CompanyName, string Slug, string AdminEmail, string PasswordHash, string ApiKeySecretHash);

public sealed record TenantSummary(string TenantId, string CompanyName, string Slug, string AdminEmail, DateTimeOffset CreatedAt);
