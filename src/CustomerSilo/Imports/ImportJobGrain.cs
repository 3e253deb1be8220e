using Crm.Contracts;
using Crm.Contracts.Customers;
using Crm.Contracts.Imports;
using Crm.Contracts.Tenants;
using Crm.CustomerReadModel;
using Crm.CustomerSilo.Standardization;
using Crm.CustomerSilo.Tenants.Erasure;
using Orleans.Providers;
using Orleans.Storage;
using Orleans.Timers;

namespace Crm.CustomerSilo.Imports;

/// <summary>
/// Applies an import's batches. Each row's email and phone are standardized first (a bad one is reported without a
/// call), matched against the read model (a match is updated), else the row creates a customer: in bulk
/// (<see cref="BulkCustomerCreation"/>) when no other row of the batch shares its email or phone, else through its
/// customer grain. Many writes are in flight at once; a batch counts as done only after all of them are durable and
/// the progress is written, so nothing reported as imported can be lost. A fault that is not the row's (a store down)
/// fails the whole batch uncommitted; sending it again is safe, as replayed rows match what they wrote the first time.
/// </summary>
public sealed class ImportJobGrain(
    [PersistentState("import")] IPersistentState<ImportJobState> job,
    ICustomerReadModel readModel,
    // The customer grain's storage (the default one), for the customers created in bulk.
    [FromKeyedServices(ProviderConstants.DEFAULT_STORAGE_PROVIDER_NAME)] IGrainStorage customerStorage,
    IReminderRegistry reminders,
    TimeProvider time) : Grain, IImportJobGrain
{
    /// <summary>Customer calls in flight at once for one import.</summary>
    public const int Parallelism = 512;

    private (string TenantId, string ImportId) Key => TenantKey.Parse(this.GetPrimaryKeyString());
    private ImportJobState State => job.State;

    public Task<ImportProgress> GetProgressAsync() => Task.FromResult(Progress());

    public async Task<ImportProgress> ApplyBatchAsync(IReadOnlyList<ImportRow> rows)
    {
        var fresh = rows.Where(r => r.Number > State.RowsDone).ToList();
        if (fresh.Count == 0)
            return Progress();
        // Before its first row is applied, the tenant learns of the import, so that an erasure finds it.
        if (!job.RecordExists)
            await GrainFactory.GetGrain<ITenantGrain>(Key.TenantId).RecordImportAsync(Key.ImportId);
        for (var i = 1; i < fresh.Count; i++)
            if (fresh[i].Number <= fresh[i - 1].Number)
                throw new ArgumentException($"Rows must come in ascending order; row {fresh[i].Number} follows row {fresh[i - 1].Number}.", nameof(rows));

        var settings = await GrainFactory.GetGrain<ITenantGrain>(Key.TenantId).GetSettingsAsync();
        var standardizer = new CustomerStandardizer(settings, time);
        var outcomes = new Outcome[fresh.Count];
        var keyed = new List<ImportChains.KeyedRow>(fresh.Count);
        for (var i = 0; i < fresh.Count; i++)
        {
            var row = fresh[i];
            if (row.Error is { } error)
                outcomes[i] = Outcome.Failure(error);
            else if (row.Details is null)
                outcomes[i] = Outcome.Failure(new ImportRowError(row.Number, "row", "The row has no details."));
            else
                try
                {
                    var (email, phone) = standardizer.MatchKeys(row.Details.Email, row.Details.Phone);
                    keyed.Add(new(i, row, email, phone));
                }
                catch (InvalidCustomerException e)
                {
                    outcomes[i] = Outcome.Failure(new ImportRowError(row.Number, e.Field, e.Message));
                }
        }

        // One lookup for the whole batch; a row matching none may still match an earlier row of its chain.
        var matches = await readModel.FindFirstDuplicatesAsync(Key.TenantId, [.. keyed.Select(r => (r.Email, r.Phone))]);
        var matchOf = new Dictionary<int, string?>(keyed.Count);
        for (var i = 0; i < keyed.Count; i++)
            matchOf[keyed[i].Index] = matches[i];

        // A row alone in its chain and matching no customer creates one: those are created in bulk. Rows that match,
        // or share an email or phone with another row of the batch, go through the customer grains.
        var chains = ImportChains.Build(keyed);
        var news = chains.Where(c => c.Count == 1 && matchOf[c[0].Index] is null).Select(c => c[0]).ToList();
        using var gate = new SemaphoreSlim(Parallelism);
        await Task.WhenAll(chains.Where(c => c.Count > 1 || matchOf[c[0].Index] is not null).Select(async chain =>
        {
            await gate.WaitAsync();
            try
            {
                string? chainCustomer = null;
                foreach (var row in chain)
                    (outcomes[row.Index], chainCustomer) = await ApplyAsync(row, matchOf[row.Index] ?? chainCustomer);
            }
            finally
            {
                gate.Release();
            }
        }));
        await CreateInBulkAsync(news, standardizer, settings, outcomes);

        Commit(outcomes, fresh[^1].Number);
        await job.WriteStateAsync();
        return Progress();
    }

    /// <summary>Erases the job's progress and errors (its customers are erased one by one by the tenant's erasure).</summary>
    public Task<int> EraseAsync() => this.EraseAsync(job, 1);

    public async Task<ImportProgress> CompleteAsync(long rowsInFile)
    {
        if (rowsInFile > State.RowsDone)
            throw new InvalidOperationException($"The import has committed {State.RowsDone} rows of {rowsInFile}: send the rest before completing it.");
        if (!State.Completed)
        {
            State.Completed = true;
            State.UpdatedAt = time.GetUtcNow();
            await job.WriteStateAsync();
        }
        return Progress();
    }

    private async Task CreateInBulkAsync(List<ImportChains.KeyedRow> rows, CustomerStandardizer standardizer, TenantSettings settings, Outcome[] outcomes)
    {
        var valid = new List<(ImportChains.KeyedRow Row, string CustomerId, CustomerDetails Details)>(rows.Count);
        foreach (var row in rows)
            try
            {
                valid.Add((row, ImportedCustomerIds.For(Key.ImportId, row.Row.Number), standardizer.Standardize(row.Row.Details!)));
            }
            catch (InvalidCustomerException e)
            {
                outcomes[row.Index] = Outcome.Failure(new ImportRowError(row.Row.Number, e.Field, e.Message));
            }
        if (valid.Count == 0)
            return;
        var created = await new BulkCustomerCreation(GrainFactory, customerStorage, reminders, readModel)
            .CreateAsync(Key.TenantId, [.. valid.Select(v => (v.CustomerId, v.Details))], settings, time.GetUtcNow());
        // A customer already stored was created before a stop lost its batch's commit: its grain brings it up to date.
        await Task.WhenAll(valid.Select(async (v, i) =>
            outcomes[v.Row.Index] = created[i] ? Outcome.Created : (await ApplyAsync(v.Row, match: null)).Item1));
    }

    /// <summary>Applies the row to <paramref name="match"/>, or creates its customer; answers the outcome and the customer's id.</summary>
    private async Task<(Outcome, string?)> ApplyAsync(ImportChains.KeyedRow row, string? match)
    {
        var details = row.Row.Details!;
        try
        {
            if (match is not null)
            {
                await Customer(match).UpdateAsync(AsPatch(details));
                return (Outcome.Updated, match);
            }
            var id = ImportedCustomerIds.For(Key.ImportId, row.Row.Number);
            try
            {
                await Customer(id).CreateAsync(details);
            }
            catch (CustomerAlreadyExistsException)
            {
                // This row was applied before a stop lost its batch's commit: bring it up to date again.
                await Customer(id).UpdateAsync(AsPatch(details));
            }
            return (Outcome.Created, id);
        }
        catch (InvalidCustomerException e)
        {
            return (Outcome.Failure(new ImportRowError(row.Row.Number, e.Field, e.Message)), match);
        }
    }

    private ICustomerGrain Customer(string customerId) => GrainFactory.GetGrain<ICustomerGrain>(TenantKey.For(Key.TenantId, customerId));

    /// <summary>A matched customer takes the row's values; the row's blank cells leave its values as they are.</summary>
    private static CustomerPatch AsPatch(CustomerDetails d) => new(
        d.Name, d.Email, d.Phone, d.Birthday, d.Gender, d.AgeBand, d.IncomeBand, d.Address, d.SourceChannel,
        d.Tags is { Count: > 0 } ? d.Tags : null,
        d.CustomFields is { Count: > 0 } ? d.CustomFields : null,
        d.OwnerId);

    private void Commit(Outcome[] outcomes, long lastRow)
    {
        var now = time.GetUtcNow();
        State.StartedAt ??= now;
        State.UpdatedAt = now;
        State.RowsDone = lastRow;
        foreach (var outcome in outcomes)
        {
            switch (outcome.Kind)
            {
                case OutcomeKind.Created: State.Created++; break;
                case OutcomeKind.Updated: State.Updated++; break;
                default:
                    State.Failed++;
                    if (State.Errors.Count < ImportProgress.MaxStoredErrors)
                        State.Errors.Add(outcome.Error!);
                    else
                        State.ErrorsNotStored++;
                    break;
            }
        }
    }

    private ImportProgress Progress() => new(
        Key.ImportId, State.RowsDone, State.Created, State.Updated, State.Failed, [.. State.Errors], State.ErrorsNotStored,
        State.Completed, State.StartedAt, State.UpdatedAt);

    private enum OutcomeKind { Created, Updated, Failed }

    private readonly record struct Outcome(OutcomeKind Kind, ImportRowError? Error)
    {
        public static Outcome Created => new(OutcomeKind.Created, null);
        public static Outcome Updated => new(OutcomeKind.Updated, null);
        public static Outcome Failure(ImportRowError error) => new(OutcomeKind.Failed, error);
    }
}
