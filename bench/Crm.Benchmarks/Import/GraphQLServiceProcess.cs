using System.Diagnostics;
using System.Net.Http.Json;
using System.Reflection;
using System.Security.Cryptography;
using System.Text.Json.Nodes;
using Crm.AppHost.Networking;
using Crm.Benchmarks.EndToEnd;
using EndToEnd.Tests;
using Crm.ServiceDefaults.Tenancy;

namespace Crm.Benchmarks.Import;

/// <summary>
/// The real GraphQL service (its Release build) as a process of its own, an Orleans client of the bench's silo through
/// the cluster's SQLite membership, reading the same read-model file, as the AppHost would run it. Requests carry a
/// tenant context signed with the secret the service was given, as the gateway's would.
/// </summary>
internal sealed class GraphQLServiceProcess : IAsyncDisposable
{
    private static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(90);

    private readonly Process _process;
    private readonly HttpClient _http;
    private readonly TenantContextSigner _signer;

    private GraphQLServiceProcess(Process process, Uri address, byte[] secret)
    {
        _process = process;
        _http = Http.Client(address);
        _signer = new TenantContextSigner(secret, TimeProvider.System);
    }

    public static async Task<GraphQLServiceProcess> StartAsync(string clusterId, string clusterFile, string readModelFile, string dataDirectory)
    {
        var dll = typeof(GraphQLServiceProcess).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>().Single(a => a.Key == "GraphQLPath").Value!;
        var address = new Uri($"http://127.0.0.1:{LoopbackPorts.AllocateOne()}");
        var secret = RandomNumberGenerator.GetBytes(32);
        var start = new ProcessStartInfo("dotnet") { ArgumentList = { Path.GetFullPath(dll) }, UseShellExecute = false };
        foreach (var (name, value) in new Dictionary<string, string>
        {
            ["ASPNETCORE_URLS"] = address.ToString(),
            ["Orleans__ClusterId"] = clusterId,
            ["Orleans__ServiceId"] = clusterId,
            ["Orleans__Clustering__ProviderType"] = "Sqlite",
            ["Orleans__Clustering__ConnectionString"] = $"Data Source={clusterFile}",
            ["Crm__ReadModel__Provider"] = "Sqlite",
            ["Crm__ReadModel__ConnectionString"] = $"Data Source={readModelFile}",
            ["Crm__GatewaySecret"] = Convert.ToBase64String(secret),
            ["Crm__DataDirectory"] = dataDirectory,
            ["Crm__PublicUrl"] = "http://127.0.0.1:5080",
            ["Logging__LogLevel__Default"] = "Warning",
        })
            start.Environment[name] = value;
        var process = Process.Start(start) ?? throw new InvalidOperationException($"dotnet did not start {dll}.");
        var service = new GraphQLServiceProcess(process, address, secret);
        var deadline = Stopwatch.StartNew();
        while (true)
        {
            try
            {
                using var health = await service._http.GetAsync("/health").ConfigureAwait(false);
                if (health.IsSuccessStatusCode)
                    return service;
            }
            catch (HttpRequestException)
            {
                // Not listening yet.
            }
            if (process.HasExited || deadline.Elapsed > StartTimeout)
            {
                await service.DisposeAsync().ConfigureAwait(false);
                throw new InvalidOperationException($"The GraphQL service did not become healthy within {StartTimeout.TotalSeconds} s; its log went to stderr above.");
            }
            await Task.Delay(200).ConfigureAwait(false);
        }
    }

    /// <summary>Runs a read as a tenant's read-only key would, and answers its data; an HTTP or GraphQL error throws.</summary>
    public async Task<JsonNode> QueryAsync(string tenantId, string query, object variables, CancellationToken cancellationToken)
    {
        var claims = new TenantClaims(tenantId, "key:bench", [Crm.Contracts.Tenants.Access.Permissions.Read], "enterprise", "127.0.0.1");
        using var request = new HttpRequestMessage(HttpMethod.Post, "/graphql") { Content = JsonContent.Create(new { query, variables }) };
        TenantContextHeaders.Write(request.Headers, claims, _signer.Sign(claims));
        using var response = await _http.SendAsync(request, cancellationToken).ConfigureAwait(false);
        var body = await response.Content.ReadAsStringAsync(cancellationToken).ConfigureAwait(false);
        var json = JsonNode.Parse(body);
        if (!response.IsSuccessStatusCode || json?["errors"] is not null || json?["data"] is not { } data)
            throw new InvalidOperationException($"/graphql answered {(int)response.StatusCode}: {body}");
        return data;
    }

    public async ValueTask DisposeAsync()
    {
        _http.Dispose();
        if (!_process.HasExited)
        {
            // Stopped as a service manager would, so it leaves the cluster before the silo goes.
            AppHostProcess.Terminate(_process);
            await _process.WaitForExitAsync().ConfigureAwait(false);
        }
        _process.Dispose();
    }
}
