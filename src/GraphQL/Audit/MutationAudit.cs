using System.Collections;
using Crm.AuditLog;
using Crm.GraphQL.Customers;
using Crm.ServiceDefaults.Tenancy;
using GraphQL.Engine.Execution;

namespace Crm.GraphQL.Audit;

/// <summary>
/// Records every mutation root field in the tenant's audit log: the field's name, the id it names, and how it ended
/// (done, refused with the payload's typed errors or FORBIDDEN, or failed). The answer waits for the entry's durable
/// commit, so a change the caller hears of is never missing from the log; concurrent mutations share that commit.
/// </summary>
public static class MutationAudit
{
    public static Func<IResolverContext, ValueTask<object?>> Recorded(Func<IResolverContext, ValueTask<object?>> resolver) => async context =>
    {
        object? result;
        try
        {
            result = await resolver(context);
        }
        catch (GraphQLException e)
        {
            await RecordAsync(context, TargetOf(context, null), AuditOutcome.Refused, $"{e.Code}: {e.Message}");
            throw;
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            await RecordAsync(context, TargetOf(context, null), AuditOutcome.Failed, e.GetType().Name);
            throw;
        }
        var errors = ErrorsOf(result);
        await RecordAsync(context, TargetOf(context, result),
            errors.Count == 0 ? AuditOutcome.Ok : AuditOutcome.Refused,
            errors.Count == 0 ? null : string.Join("; ", errors.Select(e => $"{e.GetType().Name}: {e.Message}")));
        return result;
    };

    /// <summary>Records an operation of the REST API in the calling tenant's log (the gateway vouched for the caller).</summary>
    public static Task RecordAsync(IServiceProvider services, string operation, string? target, AuditOutcome outcome, string? reason, CancellationToken cancellationToken)
    {
        var claims = services.GetRequiredService<TenantContext>().RequireClaims();
        return RecordAsync(services, claims.TenantId, claims.Actor, claims.ClientAddress, operation, target, outcome, reason, cancellationToken);
    }

    /// <summary>Records an operation for a tenant and actor the caller names (sign-up, an accepted invitation: no tenant context yet).</summary>
    public static Task RecordAsync(IServiceProvider services, string tenantId, string actor, string? clientAddress, string operation, string? target,
        AuditOutcome outcome, string? reason, CancellationToken cancellationToken) =>
        services.GetRequiredService<IAuditLog>().AppendAsync(
            new AuditRecord(tenantId, services.GetRequiredService<TimeProvider>().GetUtcNow(), actor, operation, target, outcome, reason, clientAddress),
            cancellationToken);

    private static Task RecordAsync(IResolverContext context, string? target, AuditOutcome outcome, string? reason) =>
        // The change is made: the entry is written even if the caller has gone away meanwhile.
        RecordAsync(context.Services, context.FieldName, target, outcome, reason, CancellationToken.None);

    /// <summary>
    /// The id the mutation names: an <c>id</c> argument, else the input's <c>id</c> or first <c>…Id</c> field; for a
    /// creation, the id of what the payload holds.
    /// </summary>
    private static string? TargetOf(IResolverContext context, object? result)
    {
        if (context.Arguments.GetValueOrDefault("id") is string id)
            return id;
        if (context.Arguments.GetValueOrDefault("input") is IReadOnlyDictionary<string, object?> input)
        {
            if (input.GetValueOrDefault("id") is string inputId)
                return inputId;
            if (input.FirstOrDefault(f => f.Key.EndsWith("Id", StringComparison.Ordinal) && f.Value is string).Value is string named)
                return named;
        }
        return PayloadValues(result).Select(IdOf).FirstOrDefault(v => v is not null);
    }

    private static IReadOnlyList<UserError> ErrorsOf(object? payload) =>
        PayloadValues(payload).OfType<IEnumerable>().Where(v => v is not string).SelectMany(v => v.OfType<UserError>()).ToList();

    /// <summary>A payload's fields: a dictionary's values or an object's properties.</summary>
    private static IEnumerable<object?> PayloadValues(object? payload) => payload switch
    {
        null => [],
        IReadOnlyDictionary<string, object?> fields => fields.Values,
        _ => payload.GetType().GetProperties().Where(p => p.GetIndexParameters().Length == 0).Select(p => p.GetValue(payload)),
    };

    /// <summary>An entity's own id: its <c>Id</c>, or <c>CustomerId</c> for a <c>CustomerView</c>.</summary>
    private static string? IdOf(object? value)
    {
        if (value is null or string or IEnumerable)
            return null;
        var type = value.GetType();
        var own = type.GetProperty("Id") ?? type.GetProperty(type.Name.Replace("View", "", StringComparison.Ordinal) + "Id");
        return own?.GetValue(value) as string;
    }
}
