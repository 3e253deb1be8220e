using Crm.Webhooks.Delivery;

namespace Crm.CustomerSilo.Webhooks;

public static class WebhookDeliveryRegistration
{
    /// <summary>The sender and the retry schedule, from <see cref="WebhookDeliveryOptions.Section"/>.</summary>
    public static IServiceCollection AddWebhookDelivery(this IServiceCollection services, IConfiguration configuration)
    {
        var section = configuration.GetSection(WebhookDeliveryOptions.Section);
        services.Configure<WebhookDeliveryOptions>(section);
        return services.AddWebhookSender(section.GetValue<bool>(nameof(WebhookDeliveryOptions.AllowPrivateTargets)));
    }
}
