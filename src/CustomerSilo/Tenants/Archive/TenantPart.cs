using Orleans.Serialization;

namespace Crm.CustomerSilo.Tenants.Archive;

/// <summary>One tenant-wide grain (keyed by tenant id) as a named part of a tenant's archive.</summary>
public sealed record TenantPart(
    string Name,
    Func<IGrainFactory, string, Serializer, Task<byte[]?>> ExportAsync,
    Func<IGrainFactory, string, Serializer, byte[], Task> RestoreAsync,
    Func<IGrainFactory, string, Task> EraseAsync)
{
    public static TenantPart Of<TGrain, TState>(string name) where TGrain : IArchivedGrain<TState> => new(
        name,
        async (grains, tenantId, serializer) => await grains.GetGrain<TGrain>(tenantId).ExportStateAsync() is { } state ? serializer.SerializeToArray(state) : null,
        (grains, tenantId, serializer, bytes) => grains.GetGrain<TGrain>(tenantId).RestoreStateAsync(Read<TState>(serializer, bytes, tenantId, name)),
        (grains, tenantId) => grains.GetGrain<TGrain>(tenantId).EraseStateAsync());

    public static T Read<T>(Serializer serializer, byte[] bytes, string tenantId, string what) =>
        serializer.Deserialize<T>(bytes) ?? throw new InvalidDataException($"The archive of tenant '{tenantId}' holds no state for its {what}.");
}
