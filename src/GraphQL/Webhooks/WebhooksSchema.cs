using Crm.Contracts.Tenants.Access;
using Crm.Contracts.Webhooks;
using Crm.GraphQL.Access;
using Crm.GraphQL.Customers;
using GraphQL.Engine.Execution;
using GraphQL.Engine.Types;

namespace Crm.GraphQL.Webhooks;

/// <summary>Webhooks: the tenant's subscriptions and their delivery logs, kept by the tenant's webhooks grain.</summary>
public static class WebhooksSchema
{
    public static SchemaBuilder AddWebhooks(this SchemaBuilder schema) => schema
        .AddTypeDefinitions(EmbeddedText.Load("Webhooks/webhooks.graphql"))
        .AddQuery("webhooks", Permissions.Admin, async context => (object?)await Webhooks(context).ListAsync())
        .AddQuery("webhookDeliveries", Permissions.Admin, async context =>
            (object?)await Webhooks(context).DeliveriesAsync(context.Argument<string>("webhookId")!, context.Argument<int>("first")))
        .AddResolver("Webhook", "deliveries", async context =>
            (object?)(await Webhooks(context).DeliveriesAsync(((Webhook)context.Parent!).Id, context.Argument<int>("first")) ?? []))
        .AddResolver("WebhookDelivery", "durationMs", context => (object?)(int)((WebhookDelivery)context.Parent!).Duration.TotalMilliseconds)
        .AddMutation("createWebhook", Permissions.Admin, CreateAsync)
        .AddMutation("deleteWebhook", Permissions.Admin, context => DeletePayload.RunAsync(context, "webhook", id => Webhooks(context).DeleteAsync(id)));

    private static async ValueTask<object?> CreateAsync(IResolverContext context)
    {
        var input = context.Argument<IReadOnlyDictionary<string, object?>>("input")!;
        var events = (input["events"] as IEnumerable<object?> ?? []).OfType<string>().ToList();
        try
        {
            var created = await Webhooks(context).CreateAsync(input["url"] as string ?? "", events);
            return new { Webhook = (Webhook?)created.Webhook, Secret = (string?)created.Secret, Errors = UserError.None };
        }
        catch (InvalidWebhookException e)
        {
            return new { Webhook = (Webhook?)null, Secret = (string?)null, Errors = (IReadOnlyList<UserError>)[ValidationError.OnInput(e.Message, e.Field)] };
        }
    }

    private static ITenantWebhooksGrain Webhooks(IResolverContext context) =>
        context.Services.GetRequiredService<IGrainFactory>().GetGrain<ITenantWebhooksGrain>(CustomersSchema.TenantId(context));
}
