using Crm.Contracts.Tenants.Erasure;
using Orleans.Concurrency;

namespace Crm.Contracts.Tenants;

/// <summary>One tenant company, keyed by its tenant id: its registration and its CRM settings.</summary>
[Alias("crm.tenant")]
public interface ITenantGrain : IErasableGrain
{
    /// <summary>Records the tenant once; a second registration of the same id fails.</summary>
    [Alias("register")]
    Task<TenantSummary> RegisterAsync(TenantRegistration registration);

    [Alias("get"), ReadOnly]
    Task<TenantSummary?> GetAsync();

    /// <summary>The tenant's settings; <see cref="TenantSettings.Defaults"/> until it changes them.</summary>
    [Alias("get-settings"), ReadOnly]
    Task<TenantSettings> GetSettingsAsync();

    /// <summary>Applies the change and answers the settings now in force; invalid values fail with <see cref="InvalidTenantSettingsException"/>.</summary>
    [Alias("update-settings")]
    Task<TenantSettings> UpdateSettingsAsync(TenantSettingsPatch patch);

    /// <summary>Remembers an import of the tenant, so that its erasure finds every import job to erase.</summary>
    [Alias("record-import")]
    Task RecordImportAsync(string importId);

    [Alias("imports"), ReadOnly]
    Task<IReadOnlyList<string>> ListImportsAsync();
}

/// <summary>The company's record; its users and keys are kept by <see cref="Access.ITenantAccessGrain"/>.</summary>
[GenerateSerializer, Immutable, Alias("crm.TenantRegistration")]
public sealed record TenantRegistration(
    [property: Id(0)] string CompanyName,
    [property: Id(1)] string Slug,
    [property: Id(2)] string AdminEmail);

[GenerateSerializer, Immutable, Alias("crm.TenantSummary")]
public sealed record TenantSummary(
    [property: Id(0)] string TenantId,
    [property: Id(1)] string CompanyName,
    [property: Id(2)] string Slug,
    [property: Id(3)] string AdminEmail,
    [property: Id(4)] DateTimeOffset CreatedAt);

/// <summary>A tenant id was registered twice.</summary>
[GenerateSerializer, Alias("crm.TenantAlreadyRegisteredException")]
public sealed class TenantAlreadyRegisteredException(string message) : Exception(message);
