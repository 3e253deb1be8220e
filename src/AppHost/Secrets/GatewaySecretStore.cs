using System.Security.Cryptography;

namespace Crm.AppHost.Secrets;

/// <summary>
/// The key the gateway signs tenant context with. Created once per data folder and kept (owner-only) so that a
/// restarted AppHost keeps the same key, and handed to the services as a secret Aspire parameter, so it never
/// appears on a command line, in a log or in the repository.
/// </summary>
public static class GatewaySecretStore
{
    public const string FileName = "gateway.secret";
    public const string ParameterName = "gateway-secret";
    public const int KeyBytes = 32;

    /// <summary>The secret parameter every service gets as <c>Crm__GatewaySecret</c>, its value from the data folder.</summary>
    public static IResourceBuilder<ParameterResource> AddParameter(IDistributedApplicationBuilder builder, string dataDirectory)
    {
        builder.Configuration[$"Parameters:{ParameterName}"] = LoadOrCreate(dataDirectory);
        return builder.AddParameter(ParameterName, secret: true);
    }

    public static string LoadOrCreate(string dataDirectory)
    {
        var path = Path.Combine(dataDirectory, FileName);
        var text = SecretFile.ReadOrCreate(path, () => Convert.ToBase64String(RandomNumberGenerator.GetBytes(KeyBytes)));
        Span<byte> decoded = stackalloc byte[KeyBytes + 3];
        if (!Convert.TryFromBase64String(text, decoded, out var length) || length != KeyBytes)
            throw new AppHostException(
                $"{path} does not hold a base64 {KeyBytes}-byte key. Delete it and start again to create a new one (tokens signed with the old key stop working).");
        return text;
    }
}
