using Crm.AppHost;
using Crm.AppHost.Secrets;

namespace AppHost.Tests.Secrets;

public sealed class GatewaySecretStoreTests
{
    [Fact]
    public void The_secret_is_32_random_bytes_created_once_readable_only_by_the_owner()
    {
        using var temp = new TempDirectory();

        var first = GatewaySecretStore.LoadOrCreate(temp.Path);
        var again = GatewaySecretStore.LoadOrCreate(temp.Path);

        Assert.Equal(32, Convert.FromBase64String(first).Length);
        Assert.Equal(first, again);
        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(temp.Combine("gateway.secret")));
    }

    [Fact]
    public void Two_data_folders_get_different_secrets()
    {
        using var one = new TempDirectory();
        using var two = new TempDirectory();

        Assert.NotEqual(GatewaySecretStore.LoadOrCreate(one.Path), GatewaySecretStore.LoadOrCreate(two.Path));
    }

    [Fact]
    public void A_damaged_secret_file_is_reported_with_what_to_do()
    {
        using var temp = new TempDirectory();
        File.WriteAllText(temp.Combine("gateway.secret"), "not base64!");

        var error = Assert.Throws<AppHostException>(() => GatewaySecretStore.LoadOrCreate(temp.Path));

        Assert.Contains("does not hold a base64 32-byte key. Delete it", error.Message, StringComparison.Ordinal);
    }
}
