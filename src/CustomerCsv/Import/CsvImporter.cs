using Crm.Contracts;
using Crm.Contracts.Imports;

namespace Crm.CustomerCsv.Import;

/// <summary>
/// Feeds a file to its import job grain in batches, skipping the rows the job already committed (so a file sent again
/// after a stop resumes where it stopped). One batch is applied while the next is read, which keeps the silo busy
/// without holding more than two batches in memory.
/// </summary>
public sealed class CsvImporter(IGrainFactory grains, int batchSize = CsvImporter.DefaultBatchSize)
{
    // Small enough that a batch, and the one queued behind it, answer well within Orleans' 30 s response timeout
    // even at a few hundred rows a second on a loaded machine.
    public const int DefaultBatchSize = 500;

    /// <summary>
    /// Imports the file and answers the final progress. <paramref name="onBatch"/> sees the progress after each
    /// committed batch. Cancelling stops sending more rows; a batch already sent is still committed by the job.
    /// </summary>
    public async Task<ImportProgress> RunAsync(
        string tenantId, string importId, TextReader csv, ColumnMapping mapping,
        Func<ImportProgress, Task>? onBatch = null, long maxRows = long.MaxValue, CancellationToken cancellationToken = default)
    {
        var job = grains.GetGrain<IImportJobGrain>(TenantKey.For(tenantId, importId));
        var committed = (await job.GetProgressAsync()).RowsDone;
        Task<ImportProgress>? inFlight = null;
        var batch = new List<ImportRow>(batchSize);
        long rowsInFile = 0;

        async Task SendAsync()
        {
            if (inFlight is not null)
                await ReportAsync(await inFlight);
            inFlight = job.ApplyBatchAsync(batch);
            batch = new List<ImportRow>(batchSize);
        }

        async Task ReportAsync(ImportProgress progress)
        {
            if (onBatch is not null)
                await onBatch(progress);
        }

        try
        {
            await foreach (var row in CustomerCsvReader.ReadAsync(csv, mapping, cancellationToken))
            {
                if (row.Number > maxRows)
                    throw new ImportTooLargeException(maxRows);
                rowsInFile = row.Number;
                if (row.Number <= committed)
                    continue;
                batch.Add(row);
                if (batch.Count == batchSize)
                    await SendAsync();
            }
            if (batch.Count > 0)
                await SendAsync();
        }
        finally
        {
            // Whatever stopped the reading, the batch already sent is awaited, so its outcome is not left unobserved.
            if (inFlight is not null)
                await ReportAsync(await inFlight);
        }
        return await job.CompleteAsync(rowsInFile);
    }
}

/// <summary>
/// The file has more rows than one import may have. The rows up to the limit were imported (and stay); the rest were
/// not read.
/// </summary>
public sealed class ImportTooLargeException(long maxRows)
    : Exception($"An import may have at most {maxRows:N0} rows on this plan; the first {maxRows:N0} were imported and the rest were not. Split the file, or move to a bigger plan.")
{
    public long MaxRows { get; } = maxRows;
}
