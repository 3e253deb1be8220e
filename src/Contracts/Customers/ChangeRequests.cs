namespace Crm.Contracts.Customers;

/// <summary>
/// The id of one change a caller asks of a customer, carried to the grain in Orleans' RequestContext under
/// <see cref="Key"/>. The cluster client sends a call again when the silo it went to became unavailable, which can
/// happen after the grain applied it; the grain remembers the ids of its latest changes and answers a repeated one
/// without applying it twice.
/// </summary>
public static class ChangeRequests
{
    public const string Key = "crm.change-request";

    /// <summary>How many of a customer's latest change ids it remembers: far more than one caller's retries in flight.</summary>
    public const int Remembered = 32;

    public static string New() => Guid.NewGuid().ToString("N");
}
