using Crm.AuditLog;

namespace Crm.GraphQL.Audit;

/// <summary>
/// Records a REST endpoint that changes things in the calling tenant's audit log once it has answered: its status
/// decides the outcome (2xx ok, 4xx refused, otherwise failed), and the route value <c>targetRouteValue</c> names the
/// target. The response waits for the entry's commit, as a mutation's does.
/// </summary>
public static class AuditedEndpoints
{
    public static TBuilder Audited<TBuilder>(this TBuilder endpoint, string operation, string? targetRouteValue = null)
        where TBuilder : IEndpointConventionBuilder =>
        endpoint.AddEndpointFilter(async (context, next) =>
        {
            var http = context.HttpContext;
            var target = targetRouteValue is null ? null : http.GetRouteValue(targetRouteValue) as string;
            object? answer;
            try
            {
                answer = await next(context);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                await MutationAudit.RecordAsync(http.RequestServices, operation, target, AuditOutcome.Failed, e.GetType().Name, CancellationToken.None);
                throw;
            }
            var status = (answer as IStatusCodeHttpResult)?.StatusCode ?? StatusCodes.Status200OK;
            var outcome = status switch
            {
                < 400 => AuditOutcome.Ok,
                < 500 => AuditOutcome.Refused,
                _ => AuditOutcome.Failed,
            };
            await MutationAudit.RecordAsync(http.RequestServices, operation, target, outcome,
                outcome == AuditOutcome.Ok ? null : $"HTTP {status}", CancellationToken.None);
            return answer;
        });
}
