using Crm.AppHost.Networking;
namespace EndToEnd.Tests;

/// <summary>One running system shared by the tests of a class; its data lives in a temporary folder.</summary>
public class SystemFixture : IAsyncLifetime
{
    /// <summary>More AppHost options, for a fixture of another shape (<c>--cells 2</c>).</summary>
    protected virtual string[] Options => [];

    public AppHostProcess Host { get; private set; } = null!;
    public CrmClient Client { get; private set; } = null!;
    public string DataDirectory { get; } = Directory.CreateTempSubdirectory("crm-e2e-").FullName;

    /// <summary>The operator API's token, from the file the AppHost keeps in the data folder.</summary>
    public string OperatorToken => File.ReadAllText(Path.Combine(DataDirectory, "operator.token")).Trim();

    /// <summary>The AppHost's environment. The tests sign up many tenants from one address, far past the gateway's default sign-up limit.</summary>
    protected virtual Dictionary<string, string> Environment => new() { ["Gateway__SignupsPerMinutePerAddress"] = "1000" };

    public virtual async Task InitializeAsync()
    {
        Host = await AppHostProcess.StartAsync(DataDirectory, LoopbackPorts.AllocateOne(), Environment, Options);
        Client = new CrmClient(Host.Gateway);
    }

    public virtual async Task DisposeAsync()
    {
        Client.Dispose();
        await Host.DisposeAsync();
        Directory.Delete(DataDirectory, recursive: true);
    }
}

/// <summary>The end-to-end classes each run a whole system; running two at once on 2 cores only slows both.</summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class SystemCollection
{
    public const string Name = "whole system";
}
