using Crm.Contracts;
using Crm.Contracts.Imports;
using Crm.GraphQL;
using Crm.ServiceDefaults.Tenancy;
using Crm.Tests.Shared;
using GraphQL.Engine.Execution;
using Microsoft.Extensions.DependencyInjection;

namespace GraphQL.Tests.Csv;

/// <summary><c>importJob(id)</c> of the tenant schema, over import grains of the caller's tenant only.</summary>
public sealed class ImportJobSchemaTests
{
    private const string TenantId = "t_imports";
    private static readonly DateTimeOffset Started = new(2026, 12, 3, 9, 0, 0, TimeSpan.Zero);
    private readonly Dictionary<string, FakeImportJob> _jobs = [];
    private readonly List<string> _asked = [];
    private readonly DocumentExecutor _executor = new(TenantSchema.Build());

    private Task<ExecutionResult> RunAsync(string query)
    {
        var services = new ServiceCollection()
            .AddSingleton(FakeGrainFactory.Create((type, key) =>
            {
                Assert.Equal(typeof(IImportJobGrain), type);
                _asked.Add(key);
                return _jobs.TryGetValue(key, out var job) ? job : new FakeImportJob(Unstarted(key));
            }))
            .AddSingleton(TimeProvider.System)
            .AddSingleton(new TenantContext { Claims = new TenantClaims(TenantId, "key:test", Crm.Contracts.Tenants.Access.Permissions.All, "pro", "127.0.0.1") })
            .BuildServiceProvider();
        return _executor.ExecuteAsync(new GraphQLRequest(query), services);
    }

    private static ImportProgress Unstarted(string importId) => new(importId, 0, 0, 0, 0, [], 0, false, null, null);

    [Fact]
    public async Task An_import_answers_its_counts_its_row_errors_and_whether_the_file_was_read_to_the_end()
    {
        ImportRowError[] errors = [new(2, "email", "'x@' is not an email address."), new(5, "birthday", "'soon' is not a date.")];
        _jobs[TenantKey.For(TenantId, "spring-list")] = new(new ImportProgress(
            "spring-list", 7, 4, 1, 2, errors, 0, true, Started, Started.AddSeconds(3)));

        var result = await RunAsync("""{ importJob(id: "spring-list") { id rowsDone created updated failed errorsNotStored completed startedAt rowErrors(first: 1) { row field message } } }""");

        Assert.Null(result.Errors);
        var job = (IReadOnlyDictionary<string, object?>)result.Data!["importJob"]!;
        Assert.Equal(("spring-list", 7, 4, 1, 2, 0, true), (job["id"], job["rowsDone"], job["created"], job["updated"], job["failed"], job["errorsNotStored"], job["completed"]));
        Assert.Equal("2026-12-03T09:00:00Z", job["startedAt"]);
        var error = (IReadOnlyDictionary<string, object?>)Assert.Single((IEnumerable<object?>)job["rowErrors"]!)!;
        Assert.Equal((2, "email"), (error["row"], error["field"]));
    }

    [Fact]
    public async Task An_id_nothing_was_imported_under_is_null_and_only_the_callers_tenant_is_asked()
    {
        var result = await RunAsync("""{ importJob(id: "never-sent") { id } }""");

        Assert.Null(result.Errors);
        Assert.Null(result.Data!["importJob"]);
        Assert.Equal([TenantKey.For(TenantId, "never-sent")], _asked);
    }

    [Fact]
    public async Task An_id_that_cannot_be_an_import_id_is_a_bad_user_input_error_naming_the_rule()
    {
        var result = await RunAsync("""{ importJob(id: "../other-tenant") { id } }""");

        var error = Assert.Single(result.Errors!);
        Assert.Contains("letters, digits, '-' or '_'", error.Message, StringComparison.Ordinal);
        Assert.Empty(_asked);
    }

    private sealed class FakeImportJob(ImportProgress progress) : IImportJobGrain
    {
        public Task<ImportProgress> GetProgressAsync() => Task.FromResult(progress);

        public Task<ImportProgress> ApplyBatchAsync(IReadOnlyList<ImportRow> rows) => throw new NotSupportedException();

        public Task<ImportProgress> CompleteAsync(long rowsInFile) => throw new NotSupportedException();

        public Task<int> EraseAsync() => throw new NotSupportedException();
    }
}
