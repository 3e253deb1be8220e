using System.Globalization;
using System.Threading.RateLimiting;
using Microsoft.AspNetCore.RateLimiting;

namespace Crm.Gateway.RateLimiting;

/// <summary>
/// What anybody may do without a key is what a script would flood: each client address may create a limited number
/// of tenants a minute (Gateway:SignupsPerMinutePerAddress, default 10) and try a limited number of sign-ins a minute
/// (Gateway:SignInsPerMinutePerAddress, default 20, which stops password guessing), and past that gets 429 with
/// Retry-After. The gateway is the public edge, so the connection's address is the client's.
/// </summary>
public static class AddressRateLimits
{
    public const string SignupPolicy = "tenant-signup";
    public const string SignInPolicy = "portal-sign-in";
    public const string SignupConfigurationKey = "Gateway:SignupsPerMinutePerAddress";
    public const string SignInConfigurationKey = "Gateway:SignInsPerMinutePerAddress";
    public const int DefaultSignupsPerMinute = 10;
    public const int DefaultSignInsPerMinute = 20;

    private static readonly TimeSpan Window = TimeSpan.FromMinutes(1);

    public static void AddAddressPolicies(this RateLimiterOptions options, IConfiguration configuration)
    {
        options.AddPolicy(SignupPolicy, PerAddress(PerMinute(configuration, SignupConfigurationKey, DefaultSignupsPerMinute)));
        options.AddPolicy(SignInPolicy, PerAddress(PerMinute(configuration, SignInConfigurationKey, DefaultSignInsPerMinute)));
    }

    private static int PerMinute(IConfiguration configuration, string key, int fallback)
    {
        var perMinute = configuration.GetValue(key, fallback);
        return perMinute >= 1 ? perMinute : throw new InvalidOperationException($"{key} must be at least 1, not {perMinute}.");
    }

    private static Func<HttpContext, RateLimitPartition<string>> PerAddress(int perMinute) => http => RateLimitPartition.GetFixedWindowLimiter(
        http.Connection.RemoteIpAddress?.ToString() ?? "unknown",
        _ => new FixedWindowRateLimiterOptions { PermitLimit = perMinute, Window = Window, QueueLimit = 0 });

    /// <summary>The answer to a refused request: 429, how long to wait, and what the limit was.</summary>
    public static async ValueTask RefuseAsync(OnRejectedContext context, string title, CancellationToken cancellationToken)
    {
        var retryAfter = context.Lease.TryGetMetadata(MetadataName.RetryAfter, out var wait) ? wait : Window;
        var seconds = Math.Max(1, (int)Math.Ceiling(retryAfter.TotalSeconds));
        var response = context.HttpContext.Response;
        response.StatusCode = StatusCodes.Status429TooManyRequests;
        response.Headers.RetryAfter = seconds.ToString(CultureInfo.InvariantCulture);
        await response.WriteAsJsonAsync(new { title = $"{title} Try again in {seconds} s.", status = StatusCodes.Status429TooManyRequests }, cancellationToken);
    }
}
