namespace Crm.CustomerSilo.Tenants.Archive;

/// <summary>
/// The side of a tenant's grains that <see cref="TenantArchiveGrain"/> reads and writes when a tenant's data leaves
/// or enters a cell. Silo-internal: clients only see <see cref="Crm.Contracts.Tenants.Archive.ITenantArchiveGrain"/>.
/// </summary>
/// <typeparam name="TState">The grain's durable state.</typeparam>
public interface IArchivedGrain<TState> : IGrainWithStringKey
{
    /// <summary>The grain's whole durable state, or null when it has none.</summary>
    [Alias("archive-export")]
    Task<TState?> ExportStateAsync();

    /// <summary>Makes <paramref name="state"/> the grain's durable state, and brings what derives from it (read model, reminders) up to date.</summary>
    [Alias("archive-restore")]
    Task RestoreStateAsync(TState state);

    /// <summary>Deletes the grain's durable state and what derives from it.</summary>
    [Alias("archive-erase")]
    Task EraseStateAsync();
}

[Alias("crm.tenant-archived")]
public interface IArchivedTenant : IArchivedGrain<TenantState>;

[Alias("crm.customer-archived")]
public interface IArchivedCustomer : IArchivedGrain<Customers.CustomerState>;

[Alias("crm.segments-archived")]
public interface IArchivedSegments : IArchivedGrain<Segments.SegmentsState>;

[Alias("crm.persisted-documents-archived")]
public interface IArchivedPersistedDocuments : IArchivedGrain<PersistedDocuments.PersistedDocumentsState>;

[Alias("crm.analytics-archived")]
public interface IArchivedAnalytics : IArchivedGrain<Analytics.TenantAnalyticsState>;

[Alias("crm.tenant-access-archived")]
public interface IArchivedAccess : IArchivedGrain<Access.TenantAccessState>;

[Alias("crm.tenant-usage-archived")]
public interface IArchivedUsage : IArchivedGrain<Usage.TenantUsageState>;

[Alias("crm.tenant-webhooks-archived")]
public interface IArchivedWebhooks : IArchivedGrain<Webhooks.TenantWebhooksState>;
