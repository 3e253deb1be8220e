using Crm.Contracts.Tenants;
using Crm.Contracts.Tenants.Access;
using Crm.GraphQL.Access;
using Crm.GraphQL.Customers;
using GraphQL.Engine.Execution;
using GraphQL.Engine.Types;

namespace Crm.GraphQL.Tenants;

/// <summary>The tenant's own settings: read them, and change them with typed errors for bad values.</summary>
public static class TenantSettingsSchema
{
    public static SchemaBuilder AddTenantSettings(this SchemaBuilder schema) => schema
        .AddTypeDefinitions(EmbeddedText.Load("Tenants/tenant-settings.graphql"))
        .AddQuery("tenantSettings", Permissions.Read, async context => (object?)await Tenant(context).GetSettingsAsync())
        .AddMutation("updateTenantSettings", Permissions.Admin, UpdateAsync)
        .AddResolver("TenantSettings", "customFields", context => ((TenantSettings)context.Parent!).CustomFields ?? [])
        .AddResolver("CustomFieldDefinition", "type", context => GraphEnum.Name(((CustomFieldDefinition)context.Parent!).Type))
        .AddResolver("CustomFieldDefinition", "choices", context => ((CustomFieldDefinition)context.Parent!).Choices ?? []);

    private static async ValueTask<object?> UpdateAsync(IResolverContext context)
    {
        var input = new CustomerInputs(context.Argument<IReadOnlyDictionary<string, object?>>("input")!);
        var patch = new TenantSettingsPatch(
            input.String("defaultCountry"),
            input.String("currency"),
            context.Argument<UpdateTenantSettingsInput>("input")!.Lifecycle,
            context.Argument<UpdateTenantSettingsInput>("input")!.Tiers,
            context.Argument<UpdateTenantSettingsInput>("input")!.Sla,
            CustomFieldsInput(context.Argument<IReadOnlyDictionary<string, object?>>("input")!));
        try
        {
            return new { Settings = await Tenant(context).UpdateSettingsAsync(patch), Errors = UserError.None };
        }
        catch (InvalidTenantSettingsException e)
        {
            return new { Settings = (TenantSettings?)null, Errors = new UserError[] { ValidationError.OnInput(e.Message, e.Field) } };
        }
    }

    private static IReadOnlyList<CustomFieldDefinition>? CustomFieldsInput(IReadOnlyDictionary<string, object?> input) =>
        input.GetValueOrDefault("customFields") is IEnumerable<object?> items
            ? [.. items.OfType<IReadOnlyDictionary<string, object?>>().Select(item =>
            {
                var field = new CustomerInputs(item);
                return new CustomFieldDefinition(field.String("key") ?? "", field.String("label") ?? "",
                    field.Enum<CustomFieldType>("type") ?? CustomFieldType.Text, field.Strings("choices"));
            })]
            : null;

    private static ITenantGrain Tenant(IResolverContext context) =>
        context.Services.GetRequiredService<IGrainFactory>().GetGrain<ITenantGrain>(CustomersSchema.TenantId(context));

    /// <summary>The nested inputs bind by property name to the contracts' records.</summary>
    private sealed record UpdateTenantSettingsInput(LifecycleRules? Lifecycle, TierThresholds? Tiers, ComplaintSla? Sla);
}
