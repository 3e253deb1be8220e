using System.Reflection;
using Crm.AuditLog;
using Crm.Contracts.Analytics;
using Crm.Contracts.Customers;
using Crm.GraphQL;
using Crm.ServiceDefaults.Tenancy;
using Crm.Tests.Shared;
using Crm.GraphQL.Customers;
using GraphQL.Engine.Execution;
using GraphQL.Engine.Relay;
using Microsoft.Extensions.DependencyInjection;

namespace GraphQL.Tests.Customers;

/// <summary>
/// Mutations whose grain call the cluster client sent twice (the first attempt ran, but the silo went away before
/// answering): the second attempt finds the first one's work done, and the mutation answers as the first would have.
/// </summary>
public sealed class MutationsSentTwiceTests
{
    private const string TenantId = "t_retry";
    private readonly DocumentExecutor _executor = new(TenantSchema.Build());

    [Fact]
    public async Task A_create_that_finds_its_own_first_attempt_answers_that_customer_without_an_error()
    {
        string? createdId = null;
        var grains = FakeGrainFactory.Create((type, key) =>
        {
            if (type == typeof(ITenantAnalyticsGrain))
                return GrainStub.Of<ITenantAnalyticsGrain>(method => method == nameof(ITenantAnalyticsGrain.CountCustomersAsync) ? Task.FromResult(0L) : null);
            if (type != typeof(ICustomerGrain))
                throw new InvalidOperationException($"Unexpected grain {type.Name} '{key}'.");
            createdId = key.Split('/', 2)[1];
            return GrainStub.Of<ICustomerGrain>(method => method switch
            {
                nameof(ICustomerGrain.CreateAsync) => (object)Task.FromException<CustomerView>(new CustomerAlreadyExistsException($"Customer '{key}' already exists.")),
                nameof(ICustomerGrain.GetAsync) => Task.FromResult<CustomerView?>(SampleCustomers.New(TenantId, createdId, "Ada Lovelace")),
                _ => null,
            });
        });
        var result = await _executor.ExecuteAsync(new GraphQLRequest("""mutation { createCustomer(input: {name: "Ada Lovelace"}) { customer { name } errors { message } } }"""), Services(grains));

        Assert.Null(result.Errors);
        var payload = (IReadOnlyDictionary<string, object?>)result.Data!["createCustomer"]!;
        Assert.Equal("Ada Lovelace", ((IReadOnlyDictionary<string, object?>)payload["customer"]!)["name"]);
        Assert.Empty((IEnumerable<object?>)payload["errors"]!);
        Assert.NotNull(createdId);
    }

    [Theory]
    [InlineData(true, null)] // the first attempt erased the customer: this one finds nothing left to erase
    [InlineData(false, "NotFoundError")] // there was never such a customer
    public async Task A_delete_that_finds_its_customer_already_erased_answers_it_deleted(bool existedBefore, string? error)
    {
        var customerId = CustomerIds.New();
        var grains = FakeGrainFactory.Create((type, key) => type == typeof(ICustomerGrain)
            ? GrainStub.Of<ICustomerGrain>(method => method switch
            {
                nameof(ICustomerGrain.GetAsync) => Task.FromResult(existedBefore ? SampleCustomers.New(TenantId, customerId, "Ada Lovelace") : null),
                nameof(ICustomerGrain.DeleteAsync) => Task.FromResult(false),
                _ => null,
            })
            : throw new InvalidOperationException($"Unexpected grain {type.Name} '{key}'."));
        var id = GlobalId.Encode(CustomersSchema.TypeName, customerId);

        var result = await _executor.ExecuteAsync(new GraphQLRequest(
            $$"""mutation { deleteCustomer(input: {id: "{{id}}"}) { deletedId errors { __typename } } }"""), Services(grains));

        Assert.Null(result.Errors);
        var payload = (IReadOnlyDictionary<string, object?>)result.Data!["deleteCustomer"]!;
        var errors = ((IEnumerable<object?>)payload["errors"]!).Cast<IReadOnlyDictionary<string, object?>>().Select(e => e["__typename"]).ToList();
        Assert.Equal(error is null ? [] : [error], errors);
        Assert.Equal(existedBefore ? id : null, payload["deletedId"]);
    }

    private static ServiceProvider Services(IGrainFactory grains) => new ServiceCollection()
        .AddSingleton(grains)
        .AddSingleton<IAuditLog>(new RecordedAudit())
        .AddSingleton(TimeProvider.System)
        .AddSingleton(new TenantContext { Claims = new TenantClaims(TenantId, "key:test", Crm.Contracts.Tenants.Access.Permissions.All, "pro", "127.0.0.1") })
        .BuildServiceProvider();

    /// <summary>A grain interface answered by name: each method the test names gets its task; any other is refused.</summary>
    private class GrainStub : DispatchProxy
    {
        private Func<string, object?> _answer = _ => null;

        public static T Of<T>(Func<string, object?> answer)
        {
            var stub = Create<T, GrainStub>();
            ((GrainStub)(object)stub!)._answer = answer;
            return stub;
        }

        protected override object? Invoke(MethodInfo? targetMethod, object?[]? args) =>
            _answer(targetMethod!.Name) ?? throw new NotSupportedException($"The stub does not answer {targetMethod.Name}.");
    }
}
