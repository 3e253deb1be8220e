using Crm.Contracts.Tenants;
using Crm.CustomerSilo.Tenants.Archive;
using Crm.CustomerSilo.Tenants.Erasure;

namespace Crm.CustomerSilo.Tenants;

/// <summary>One tenant company: its registration and settings. Keyed by tenant id.</summary>
public sealed class TenantGrain(
    [PersistentState("tenant")] IPersistentState<TenantState> tenant,
    TimeProvider time) : Grain, ITenantGrain, IArchivedTenant
{
    public async Task<TenantSummary> RegisterAsync(TenantRegistration registration)
    {
        if (tenant.RecordExists)
            throw new TenantAlreadyRegisteredException($"Tenant '{this.GetPrimaryKeyString()}' is already registered.");
        tenant.State = new TenantState
        {
            CompanyName = registration.CompanyName,
            Slug = registration.Slug,
            AdminEmail = registration.AdminEmail,
            CreatedAt = time.GetUtcNow(),
        };
        await tenant.WriteStateAsync();
        return ToSummary();
    }

    public Task<TenantSummary?> GetAsync() => Task.FromResult(tenant.RecordExists ? ToSummary() : null);

    public Task<TenantSettings> GetSettingsAsync() => Task.FromResult(tenant.State.Settings ?? TenantSettings.Defaults);

    public async Task<TenantSettings> UpdateSettingsAsync(TenantSettingsPatch patch)
    {
        var settings = SettingsRules.Apply(tenant.State.Settings ?? TenantSettings.Defaults, patch);
        tenant.State.Settings = settings;
        await tenant.WriteStateAsync();
        return settings;
    }

    public Task<TenantState?> ExportStateAsync() => tenant.ExportAsync();

    public Task RestoreStateAsync(TenantState state) => tenant.RestoreAsync(state);

    public Task EraseStateAsync() => EraseAsync();

    public async Task RecordImportAsync(string importId)
    {
        if (tenant.State.ImportIds.Add(importId))
            await tenant.WriteStateAsync();
    }

    public Task<IReadOnlyList<string>> ListImportsAsync() => Task.FromResult<IReadOnlyList<string>>([.. tenant.State.ImportIds.Order(StringComparer.Ordinal)]);

    public Task<int> EraseAsync() => this.EraseAsync(tenant, 1);

    private TenantSummary ToSummary()
    {
        var s = tenant.State;
        return new TenantSummary(this.GetPrimaryKeyString(), s.CompanyName, s.Slug, s.AdminEmail, s.CreatedAt);
    }
}
