namespace Crm.AppHost.Health;

/// <summary>How patiently to wait for a resource's /health.</summary>
public sealed record ReadinessSettings(TimeSpan Timeout, TimeSpan PollInterval, TimeSpan RequestTimeout, TimeSpan ProgressInterval)
{
    /// <summary>
    /// Generous: a first start on a busy 2-core machine JIT-compiles every service and creates the SQLite store.
    /// </summary>
    public static ReadinessSettings Default { get; } = new(
        Timeout: TimeSpan.FromMinutes(4),
        PollInterval: TimeSpan.FromMilliseconds(250),
        RequestTimeout: TimeSpan.FromSeconds(5),
        ProgressInterval: TimeSpan.FromSeconds(10));

    /// <summary>A client that never goes through a proxy: the health URLs are all on loopback.</summary>
    public static HttpClient CreateHttpClient() => new(new SocketsHttpHandler { UseProxy = false, PooledConnectionLifetime = TimeSpan.FromSeconds(30) });
}
