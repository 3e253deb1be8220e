using System.IO.Compression;
using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization;
using Crm.AuditLog;
using Crm.Contracts;
using Crm.Contracts.Customers;
using Crm.Contracts.Segments;
using Crm.Contracts.Tenants;
using Crm.Contracts.Tenants.Access;
using Crm.Contracts.Tenants.Usage;
using Crm.Contracts.Webhooks;
using Crm.CustomerCsv.Export;
using Crm.CustomerReadModel;
using Crm.CustomerReadModel.Queries;

namespace Crm.GraphQL.Tenants.Export;

/// <summary>
/// All of a tenant's data as a zip of JSON and CSV files that people and other tools read: the tenant, its people,
/// keys, webhooks and segments (<c>tenant.json</c>), every customer whole with its records (<c>customers.jsonl</c>, one
/// JSON object a line), the customer list (<c>customers.csv</c>, the columns of the CSV import), the audit log
/// (<c>audit.jsonl</c>) and the metered usage (<c>usage.json</c>). No secret leaves: no password or key hash, no
/// invitation token, no webhook signing secret. Written as it is read, a page at a time, so its size costs no memory.
/// </summary>
public sealed class TenantExport(IGrainFactory grains, ICustomerReadModel readModel, IAuditLog audit, TimeProvider time)
{
    public static readonly IReadOnlyList<string> Files = ["tenant.json", "customers.jsonl", "customers.csv", "audit.jsonl", "usage.json"];

    // Grain calls in flight at once while customers are read whole.
    private const int Parallelism = 32;
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        Converters = { new JsonStringEnumConverter(JsonNamingPolicy.CamelCase) },
    };
    private static readonly ReadOnlyMemory<byte> NewLine = "\n"u8.ToArray();
    private static readonly JsonSerializerOptions JsonIndented = new(Json) { WriteIndented = true };

    /// <summary>Writes the zip to <paramref name="output"/>; answers how many customers it holds.</summary>
    public async Task<long> WriteAsync(string tenantId, Stream output, CancellationToken cancellationToken)
    {
        var sink = new SyncTailStream(output);
        var zip = await ZipArchive.CreateAsync(sink, ZipArchiveMode.Create, leaveOpen: true, entryNameEncoding: null, cancellationToken);
        var customers = await WriteEntriesAsync(zip, sink, tenantId, cancellationToken);
        await zip.DisposeAsync();
        await sink.FlushAsync(cancellationToken);
        return customers;
    }

    private async Task<long> WriteEntriesAsync(ZipArchive zip, SyncTailStream sink, string tenantId, CancellationToken cancellationToken)
    {
        async Task WriteEntryAsync(string name, Func<Stream, Task> write)
        {
            await using (var stream = await zip.CreateEntry(name, CompressionLevel.Fastest).OpenAsync(cancellationToken))
                await write(stream);
            await sink.FlushAsync(cancellationToken);
        }

        await WriteEntryAsync("tenant.json", async stream =>
            await JsonSerializer.SerializeAsync(stream, await TenantAsync(tenantId), JsonIndented, cancellationToken));
        long customers = 0;
        await WriteEntryAsync("customers.jsonl", async stream => customers = await CustomersAsync(tenantId, stream, cancellationToken));
        await WriteEntryAsync("customers.csv", async stream =>
        {
            await using var writer = new StreamWriter(stream, new UTF8Encoding(false), bufferSize: 64 * 1024, leaveOpen: true);
            await CustomerCsvExport.WriteAsync(readModel, tenantId, CustomerFilter.All, CustomerSort.Default, writer, cancellationToken);
        });
        await WriteEntryAsync("audit.jsonl", stream => AuditAsync(tenantId, stream, cancellationToken));
        await WriteEntryAsync("usage.json", async stream =>
        {
            var today = DateOnly.FromDateTime(time.GetUtcNow().UtcDateTime);
            var days = await grains.GetGrain<ITenantUsageGrain>(tenantId).GetAsync(today.AddDays(-366), today);
            await JsonSerializer.SerializeAsync(stream, days, JsonIndented, cancellationToken);
        });
        return customers;
    }

    private async Task<object> TenantAsync(string tenantId)
    {
        var tenant = grains.GetGrain<ITenantGrain>(tenantId);
        var access = grains.GetGrain<ITenantAccessGrain>(tenantId);
        return new
        {
            tenantId,
            exportedAt = time.GetUtcNow(),
            tenant = await tenant.GetAsync(),
            settings = await tenant.GetSettingsAsync(),
            plan = await access.GetPlanAsync(),
            users = await access.ListUsersAsync(),
            invitations = (await access.ListInvitationsAsync()).Select(i => new { i.Id, i.Email, i.Role, i.ExpiresAt }),
            apiKeys = await access.ListApiKeysAsync(),
            webhooks = await grains.GetGrain<ITenantWebhooksGrain>(tenantId).ListAsync(),
            segments = await grains.GetGrain<ISegmentsGrain>(tenantId).ListAsync(),
            imports = await tenant.ListImportsAsync(),
        };
    }

    private async Task<long> CustomersAsync(string tenantId, Stream stream, CancellationToken cancellationToken)
    {
        long written = 0;
        await foreach (var page in readModel.PagesAsync(new CustomerQuery { TenantId = tenantId, First = CustomerQuery.MaxPageSize }, cancellationToken))
        {
            foreach (var batch in page.Chunk(Parallelism))
            {
                var views = await Task.WhenAll(batch.Select(c => grains.GetGrain<ICustomerGrain>(TenantKey.For(tenantId, c.CustomerId)).GetAsync()));
                // A customer deleted between the listing and its read is simply not in the export.
                foreach (var view in views.OfType<CustomerView>())
                {
                    await JsonLineAsync(stream, view, cancellationToken);
                    written++;
                }
            }
        }
        return written;
    }

    private async Task AuditAsync(string tenantId, Stream stream, CancellationToken cancellationToken)
    {
        await foreach (var entry in audit.AllAsync(new AuditQuery(tenantId, AuditQuery.MaxFirst), cancellationToken))
            await JsonLineAsync(stream, entry, cancellationToken);
    }

    private static async Task JsonLineAsync<T>(Stream stream, T value, CancellationToken cancellationToken)
    {
        await JsonSerializer.SerializeAsync(stream, value, Json, cancellationToken);
        await stream.WriteAsync(NewLine, cancellationToken);
    }
}
