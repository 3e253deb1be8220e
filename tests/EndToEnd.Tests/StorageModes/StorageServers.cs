using System.Reflection;

namespace EndToEnd.Tests.StorageModes;

/// <summary>
/// What the AppHost needs in each storage mode to find its server. PostgreSQL is Debian's package, which the AppHost
/// finds itself; Azurite is the copy pinned by tests/Orleans.Storage.Tests/azurite (installed there by test.sh's
/// <c>npm ci</c>), put on the AppHost's PATH. Missing, the AppHost refuses to start and says what to install, and the
/// test fails with that message: a mode that cannot run is a failure, never a skip.
/// </summary>
public static class StorageServers
{
    public static IReadOnlyDictionary<string, string>? EnvironmentFor(string storage) => storage switch
    {
        "azure" => new Dictionary<string, string>
        {
            ["PATH"] = PinnedAzuriteBin() + Path.PathSeparator + Environment.GetEnvironmentVariable("PATH"),
        },
        _ => null,
    };

    private static string PinnedAzuriteBin()
    {
        var bin = typeof(StorageServers).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>().Single(a => a.Key == "AzuriteBin").Value!;
        if (!File.Exists(Path.Combine(bin, "azurite")))
            Assert.Fail($"Azurite is not installed in {bin}: run ./test.sh (it runs `npm ci` in tests/Orleans.Storage.Tests/azurite).");
        return bin;
    }
}
