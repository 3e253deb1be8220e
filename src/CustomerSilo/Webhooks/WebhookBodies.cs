using System.Text.Json;
using System.Text.Json.Serialization;
using Crm.Contracts.Webhooks;

namespace Crm.CustomerSilo.Webhooks;

/// <summary>
/// The JSON a receiver gets: <c>{"id","type","occurredAt","tenantId","data":{"customerId", and "customer",
/// "stageChange" or "complaint"}}</c>, camel-cased, enums as their names, as the GraphQL API shows them.
/// </summary>
public static class WebhookBodies
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        Converters = { new JsonStringEnumConverter(JsonNamingPolicy.SnakeCaseUpper) },
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    };

    public static string For(string tenantId, WebhookEvent e) => JsonSerializer.Serialize(new
    {
        id = e.Id,
        type = e.Type,
        occurredAt = e.OccurredAt,
        tenantId,
        data = new { customerId = e.CustomerId, customer = e.Customer, stageChange = e.StageChange, complaint = e.Complaint },
    }, Json);
}
