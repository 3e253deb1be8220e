using Crm.Contracts.Tenants;

namespace Crm.Gateway.Authentication;

/// <summary>Answers whether an API key is live for the tenant it names.</summary>
public interface IApiKeyVerifier
{
    ValueTask<bool> IsValidAsync(ApiKey key, CancellationToken cancellationToken);
}
