using Crm.Contracts.Customers;
using Crm.Contracts.Tenants.Erasure;

namespace Crm.Contracts.Imports;

/// <summary>
/// One CSV import of one tenant, keyed by <see cref="TenantKey.For"/>(tenantId, importId). The importer sends the
/// file's rows in order, a batch at a time; the grain applies each batch (bounded parallel customer writes, duplicate
/// matching by normalized email or phone) and only then records it as done, durably. Rows at or below
/// <see cref="ImportProgress.RowsDone"/> are skipped, so sending the same file again resumes after the last
/// committed batch and never applies a row twice.
/// </summary>
[Alias("crm.import-job")]
public interface IImportJobGrain : IErasableGrain
{
    [Alias("get"), Orleans.Concurrency.ReadOnly]
    Task<ImportProgress> GetProgressAsync();

    /// <summary>Applies the rows (in ascending row number) and answers the progress once they are committed.</summary>
    [Alias("apply-batch")]
    Task<ImportProgress> ApplyBatchAsync(IReadOnlyList<ImportRow> rows);

    /// <summary>Records that the whole file was read: <see cref="ImportProgress.Completed"/> becomes true.</summary>
    [Alias("complete")]
    Task<ImportProgress> CompleteAsync(long rowsInFile);
}

/// <summary>
/// One data row of the file (row 1 is the first row after the header). Either <see cref="Details"/> are set, or the
/// row could not even be read into details (a date that is not a date) and <see cref="Error"/> says why.
/// </summary>
[GenerateSerializer, Immutable, Alias("crm.ImportRow")]
public sealed record ImportRow(
    [property: Id(0)] long Number,
    [property: Id(1)] CustomerDetails? Details,
    [property: Id(2)] ImportRowError? Error = null);

/// <summary>Why row <see cref="Row"/> was skipped; <see cref="Field"/> names the customer field ("email", "birthday").</summary>
[GenerateSerializer, Immutable, Alias("crm.ImportRowError")]
public sealed record ImportRowError(
    [property: Id(0)] long Row,
    [property: Id(1)] string Field,
    [property: Id(2)] string Message);

/// <param name="RowsDone">The last row number committed: every row up to it was applied or reported.</param>
/// <param name="Created">Rows that created a customer.</param>
/// <param name="Updated">Rows that matched a customer by normalized email or phone (or an earlier row of the file) and updated it.</param>
/// <param name="Failed">Rows skipped for an error; the first <see cref="ImportProgress.MaxStoredErrors"/> are in <paramref name="Errors"/>.</param>
/// <param name="ErrorsNotStored">Errors beyond the stored ones, counted only.</param>
/// <param name="Completed">True once the importer read the file to its end.</param>
[GenerateSerializer, Immutable, Alias("crm.ImportProgress")]
public sealed record ImportProgress(
    [property: Id(0)] string ImportId,
    [property: Id(1)] long RowsDone,
    [property: Id(2)] long Created,
    [property: Id(3)] long Updated,
    [property: Id(4)] long Failed,
    [property: Id(5)] IReadOnlyList<ImportRowError> Errors,
    [property: Id(6)] long ErrorsNotStored,
    [property: Id(7)] bool Completed,
    [property: Id(8)] DateTimeOffset? StartedAt,
    [property: Id(9)] DateTimeOffset? UpdatedAt)
{
    public const int MaxStoredErrors = 1_000;
}
