using System.Globalization;
using Crm.ServiceDefaults.Tenancy;
using GraphQL.Engine.Execution;

namespace Crm.GraphQL.Metering;

/// <summary>
/// Turns the engine's account of a request's work into the points the tenant's plan counts (<c>costPerMinute</c>):
/// the operation's computed cost, plus one point per <see cref="WorkUnitsPerPoint"/> units of validation, so a
/// document that is expensive to refuse is paid for too. The points travel to the gateway in
/// <see cref="UsageHeaders.Cost"/>; a batch's entries add up.
/// </summary>
public static class OperationCharges
{
    public const int WorkUnitsPerPoint = 100;

    public static long PointsOf(RequestWork work) => (long)Math.Ceiling(work.Cost) + (work.ValidationWork + WorkUnitsPerPoint - 1) / WorkUnitsPerPoint;

    public static ValueTask ChargeAsync(HttpContext http, RequestWork work)
    {
        var headers = http.Response.Headers;
        var before = long.TryParse(headers[UsageHeaders.Cost].ToString(), NumberStyles.None, CultureInfo.InvariantCulture, out var sum) ? sum : 0;
        if (!http.Response.HasStarted)
            headers[UsageHeaders.Cost] = (before + PointsOf(work)).ToString(CultureInfo.InvariantCulture);
        return ValueTask.CompletedTask;
    }
}
