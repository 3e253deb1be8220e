using System.Security.Cryptography;

namespace Crm.AppHost.Secrets;

/// <summary>
/// The key the gateway signs tenant context with. Created once per data folder and kept (owner-only) so that a
/// restarted AppHost keeps the same key, and so it never appears on a command line or in a log.
/// </summary>
public static class GatewaySecretStore
{
    public const string FileName = "gateway.secret";
    public const int KeyBytes = 32;

    public static string LoadOrCreate(string dataDirectory)
    {
        var path = Path.Combine(dataDirectory, FileName);
        if (File.Exists(path))
            return Load(path);

        var secret = Convert.ToBase64String(RandomNumberGenerator.GetBytes(KeyBytes));
        var options = new FileStreamOptions { Mode = FileMode.CreateNew, Access = FileAccess.Write };
        if (!OperatingSystem.IsWindows())
            options.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
        using (var writer = new StreamWriter(path, options))
            writer.Write(secret);
        return secret;
    }

    private static string Load(string path)
    {
        var text = File.ReadAllText(path).Trim();
        Span<byte> decoded = stackalloc byte[KeyBytes + 3];
        if (!Convert.TryFromBase64String(text, decoded, out var length) || length != KeyBytes)
            throw new AppHostException(
                $"{path} does not hold a base64 {KeyBytes}-byte key. Delete it and start again to create a new one (tokens signed with the old key stop working).");
        return text;
    }
}
