using Crm.AuditLog;
using Crm.Contracts.Webhooks;
using Crm.GraphQL;
using Crm.ServiceDefaults.Tenancy;
using Crm.Tests.Shared;
using GraphQL.Engine.Execution;
using Microsoft.Extensions.DependencyInjection;

namespace GraphQL.Tests.Webhooks;

/// <summary>The webhook fields of the tenant schema, over a webhooks grain that records what it is asked.</summary>
public sealed class WebhooksSchemaTests
{
    private const string TenantId = "t_webhooks";
    private readonly FakeWebhooks _grain = new();
    private readonly RecordedAudit _audit = new();
    private readonly DocumentExecutor _executor = new(TenantSchema.Build());

    private Task<ExecutionResult> RunAsync(string query)
    {
        var services = new ServiceCollection()
            .AddSingleton(FakeGrainFactory.Create((type, key) => type == typeof(ITenantWebhooksGrain) && key == TenantId
                ? _grain
                : throw new InvalidOperationException($"Unexpected grain {type.Name} '{key}'.")))
            .AddSingleton<IAuditLog>(_audit)
            .AddSingleton(TimeProvider.System)
            .AddSingleton(new TenantContext { Claims = new TenantClaims(TenantId, "key:test", Crm.Contracts.Tenants.Access.Permissions.All, "pro", "127.0.0.1") })
            .BuildServiceProvider();
        return _executor.ExecuteAsync(new GraphQLRequest(query), services);
    }

    private static IReadOnlyDictionary<string, object?> Field(object? value, string name) => (IReadOnlyDictionary<string, object?>)((IReadOnlyDictionary<string, object?>)value!)[name]!;

    [Fact]
    public async Task Creating_a_webhook_answers_its_secret_once_and_listing_has_no_secret_to_give()
    {
        var created = await RunAsync("""mutation { createWebhook(input: { url: "https://hooks.example.com/in", events: ["customer.created"] }) { webhook { id url events pending } secret errors { message } } }""");
        Assert.Null(created.Errors);
        var payload = Field(created.Data, "createWebhook");
        Assert.Equal("whsec_once", payload["secret"]);
        Assert.Equal("https://hooks.example.com/in", Field(payload, "webhook")["url"]);
        Assert.Equal("https://hooks.example.com/in", _grain.Url);
        Assert.Equal("createWebhook", Assert.Single(_audit.Records).Operation);
        Assert.Equal(["customer.created"], _grain.Events!);

        var listed = await RunAsync("{ webhooks { id secret } }");
        Assert.Contains(listed.Errors!, e => e.Message.Contains("secret"));
    }

    [Fact]
    public async Task A_refused_url_comes_back_as_a_validation_error_on_the_url_field()
    {
        var result = await RunAsync("""mutation { createWebhook(input: { url: "ftp://x", events: ["customer.created"] }) { webhook { id } secret errors { __typename message path } } }""");
        Assert.Null(result.Errors);
        var payload = Field(result.Data, "createWebhook");
        Assert.Null(payload["webhook"]);
        Assert.Null(payload["secret"]);
        var error = (IReadOnlyDictionary<string, object?>)Assert.Single((IEnumerable<object?>)payload["errors"]!)!;
        Assert.Equal("ValidationError", error["__typename"]);
        Assert.Equal(["input", "url"], ((IEnumerable<object?>)error["path"]!).Cast<string>());
    }

    [Fact]
    public async Task Deliveries_are_listed_with_their_outcome_and_duration()
    {
        var result = await RunAsync("""{ webhookDeliveries(webhookId: "wh_1", first: 5) { eventId attempt statusCode durationMs outcome error } }""");
        Assert.Null(result.Errors);
        var delivery = (IReadOnlyDictionary<string, object?>)Assert.Single((IEnumerable<object?>)result.Data!["webhookDeliveries"]!)!;
        Assert.Equal(("e1", 2, 250, "DEAD_LETTERED"), (delivery["eventId"], delivery["attempt"], delivery["durationMs"], delivery["outcome"]));
        Assert.Equal(("wh_1", 5), (_grain.DeliveriesOf, _grain.First));
    }

    [Fact]
    public async Task Deleting_answers_the_id_or_a_not_found_error()
    {
        var result = await RunAsync("""mutation { a: deleteWebhook(input: { id: "wh_1" }) { deletedId errors { message } } b: deleteWebhook(input: { id: "wh_x" }) { deletedId errors { __typename } } }""");
        Assert.Null(result.Errors);
        Assert.Equal("wh_1", Field(result.Data, "a")["deletedId"]);
        Assert.Null(Field(result.Data, "b")["deletedId"]);
        var error = (IReadOnlyDictionary<string, object?>)Assert.Single((IEnumerable<object?>)Field(result.Data, "b")["errors"]!)!;
        Assert.Equal("NotFoundError", error["__typename"]);
    }

    private sealed class FakeWebhooks : ITenantWebhooksGrain
    {
        public Task<int> EraseAsync() => throw new NotSupportedException();

        public string? Url;
        public IReadOnlyList<string>? Events;
        public string? DeliveriesOf;
        public int First;

        private static readonly Webhook Hook = new("wh_1", "https://hooks.example.com/in", ["customer.created"], DateTimeOffset.UnixEpoch, 0, 0, 0);

        public Task<CreatedWebhook> CreateAsync(string url, IReadOnlyList<string> events)
        {
            if (!url.StartsWith("https://", StringComparison.Ordinal))
                throw new InvalidWebhookException("url", $"'{url}' is not an absolute http or https URL.");
            (Url, Events) = (url, events);
            return Task.FromResult(new CreatedWebhook(Hook, "whsec_once"));
        }

        public Task<IReadOnlyList<Webhook>> ListAsync() => Task.FromResult<IReadOnlyList<Webhook>>([Hook]);

        public Task<bool> DeleteAsync(string webhookId) => Task.FromResult(webhookId == Hook.Id);

        public Task<IReadOnlyList<WebhookDelivery>?> DeliveriesAsync(string webhookId, int first)
        {
            (DeliveriesOf, First) = (webhookId, first);
            return Task.FromResult<IReadOnlyList<WebhookDelivery>?>(
                [new WebhookDelivery("e1", "customer.created", 2, DateTimeOffset.UnixEpoch, 500, TimeSpan.FromMilliseconds(250), "The receiver answered 500.", WebhookDeliveryOutcome.DeadLettered)]);
        }

        public Task AcceptAsync(IReadOnlyList<WebhookEvent> events) => throw new NotSupportedException();
    }
}
