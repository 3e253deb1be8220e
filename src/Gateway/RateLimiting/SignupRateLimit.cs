using System.Globalization;
using System.Threading.RateLimiting;
using Microsoft.AspNetCore.RateLimiting;

namespace Crm.Gateway.RateLimiting;

/// <summary>
/// Sign-up is the one thing anybody may do without a key, so it is what a script would flood: each client address
/// may create a limited number of tenants a minute (Gateway:SignupsPerMinutePerAddress, default 10), and past that
/// gets 429 with Retry-After. The gateway is the public edge, so the connection's address is the client's.
/// </summary>
public static class SignupRateLimit
{
    public const string Policy = "tenant-signup";
    public const string ConfigurationKey = "Gateway:SignupsPerMinutePerAddress";
    public const int DefaultPerMinute = 10;

    private static readonly TimeSpan Window = TimeSpan.FromMinutes(1);

    public static IServiceCollection AddSignupRateLimit(this IServiceCollection services, IConfiguration configuration)
    {
        var perMinute = configuration.GetValue(ConfigurationKey, DefaultPerMinute);
        if (perMinute < 1)
            throw new InvalidOperationException($"{ConfigurationKey} must be at least 1, not {perMinute}.");
        return services.AddRateLimiter(options =>
        {
            options.AddPolicy(Policy, http => RateLimitPartition.GetFixedWindowLimiter(
                http.Connection.RemoteIpAddress?.ToString() ?? "unknown",
                _ => new FixedWindowRateLimiterOptions { PermitLimit = perMinute, Window = Window, QueueLimit = 0 }));
            options.OnRejected = async (context, cancellationToken) =>
            {
                var retryAfter = context.Lease.TryGetMetadata(MetadataName.RetryAfter, out var wait) ? wait : Window;
                var seconds = Math.Max(1, (int)Math.Ceiling(retryAfter.TotalSeconds));
                var response = context.HttpContext.Response;
                response.StatusCode = StatusCodes.Status429TooManyRequests;
                response.Headers.RetryAfter = seconds.ToString(CultureInfo.InvariantCulture);
                await response.WriteAsJsonAsync(new
                {
                    title = $"Too many sign-ups from this address: at most {perMinute} a minute. Try again in {seconds} s.",
                    status = StatusCodes.Status429TooManyRequests,
                }, cancellationToken);
            };
        });
    }
}
