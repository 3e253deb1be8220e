using Crm.AppHost.Networking;
using System.Globalization;
using Crm.Benchmarks.Processes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Yarp.ReverseProxy.Configuration;

namespace Crm.Benchmarks.EndToEnd;

/// <summary>
/// The baseline of the e2e suite: the gateway hop and nothing else. A YARP proxy process (the package and version
/// the CRM's gateway uses, with YARP's defaults) forwards every request to a bare Kestrel process that answers a
/// constant JSON body. Both are this executable in mode <c>e2e-hello</c>, so the load generator drives the same
/// shape as the real system: client process → proxy process → backend process, over loopback.
/// </summary>
internal sealed class HelloGateway(ChildMode backend, ChildMode proxy, Uri address) : IAsyncDisposable
{
    public const string Mode = "e2e-hello";

    public const string Path = "/hello";

    private static readonly byte[] Body = """{"data":{"hello":"world"}}"""u8.ToArray();

    public Uri Address => address;

    public static async Task<HelloGateway> StartAsync()
    {
        var backendPort = Invariant(LoopbackPorts.AllocateOne());
        var proxyPort = LoopbackPorts.AllocateOne();
        var backend = await ChildMode.StartAsync(Mode, "backend", backendPort).ConfigureAwait(false);
        try
        {
            var proxy = await ChildMode.StartAsync(Mode, "proxy", Invariant(proxyPort), backendPort).ConfigureAwait(false);
            return new HelloGateway(backend, proxy, new Uri($"http://127.0.0.1:{proxyPort}"));
        }
        catch
        {
            await backend.DisposeAsync().ConfigureAwait(false);
            throw;
        }
    }

    /// <summary>The child's side: <c>backend PORT</c> or <c>proxy PORT BACKEND-PORT</c>.</summary>
    public static async Task<int> RunAsync(string[] args)
    {
        if (args is not ([_, "backend", _] or [_, "proxy", _, _]))
        {
            Console.Error.WriteLine($"usage: {Mode} backend <port> | {Mode} proxy <port> <backend port>");
            return 2;
        }
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders().AddConsole(console => console.LogToStandardErrorThreshold = LogLevel.Trace).SetMinimumLevel(LogLevel.Warning);
        builder.WebHost.UseUrls($"http://127.0.0.1:{args[2]}");
        if (args[1] == "proxy")
            builder.Services.AddReverseProxy().LoadFromMemory(
                [new RouteConfig { RouteId = "hello", ClusterId = "backend", Match = new RouteMatch { Path = "/{**rest}" } }],
                [new ClusterConfig
                {
                    ClusterId = "backend",
                    Destinations = new Dictionary<string, DestinationConfig> { ["backend"] = new() { Address = $"http://127.0.0.1:{args[3]}" } },
                }]);
        await using var app = builder.Build();
        if (args[1] == "proxy")
            app.MapReverseProxy();
        else
            app.MapGet(Path, () => Results.Bytes(Body, "application/json"));
        return await ChildMode.ServeAsync(app).ConfigureAwait(false);
    }

    private static string Invariant(int value) => value.ToString(CultureInfo.InvariantCulture);

    public async ValueTask DisposeAsync()
    {
        await proxy.DisposeAsync().ConfigureAwait(false);
        await backend.DisposeAsync().ConfigureAwait(false);
    }
}
