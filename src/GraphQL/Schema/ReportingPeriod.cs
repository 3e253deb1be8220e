using GraphQL.Engine.Execution;

namespace Crm.GraphQL;

/// <summary>The from/to days of a report (analytics, usage): by default the 30 days up to today, at most ten years.</summary>
public static class ReportingPeriod
{
    public const int DefaultDays = 30;
    public const int MaxDays = 3_660;

    public static (DateOnly From, DateOnly To) Read(IResolverContext context)
    {
        var today = DateOnly.FromDateTime(context.Services.GetRequiredService<TimeProvider>().GetUtcNow().UtcDateTime);
        var to = context.Argument<DateOnly?>("to") ?? today;
        var from = context.Argument<DateOnly?>("from") ?? to.AddDays(1 - DefaultDays);
        if (from > to || to.DayNumber - from.DayNumber >= MaxDays)
            throw new GraphQLException($"A period runs from a day to the same or a later one, {MaxDays} days at most; got {from:yyyy-MM-dd} to {to:yyyy-MM-dd}.", "BAD_USER_INPUT");
        return (from, to);
    }
}
