using System.Diagnostics;
using System.Reflection;
using System.Text.Json.Nodes;
using Xunit.Abstractions;

namespace EndToEnd.Tests;

/// <summary>
/// The npm graphql-http audit suite (serverAudits) against the real GraphQL service, reached as a tenant's
/// program reaches it: through the gateway with an API key.
/// </summary>
[Collection(SystemCollection.Name)]
public sealed class GraphQLOverHttpAuditTests(SystemFixture system, ITestOutputHelper output) : IClassFixture<SystemFixture>
{
    [Fact]
    public async Task Every_MUST_audit_of_graphql_http_passes_through_the_gateway()
    {
        var tenant = await system.Client.SignUpAsync("Audited Co");

        var audits = JsonNode.Parse(await RunAuditAsync(new Uri(system.Host.Gateway, "/graphql"), $"Bearer {tenant.ApiKey}"))!.AsArray();

        foreach (var audit in audits.Where(a => (string)a!["status"]! != "ok"))
            output.WriteLine($"{audit!["status"]} {audit["id"]} {audit["name"]}: {audit["reason"]}");
        Assert.True(audits.Count > 40, $"only {audits.Count} audits ran");
        var failedMusts = audits.Where(a => ((string)a!["name"]!).StartsWith("MUST", StringComparison.Ordinal) && (string)a["status"]! != "ok").ToList();
        Assert.True(failedMusts.Count == 0, "MUST audits failing:\n" + string.Join("\n", failedMusts.Select(a => $"{a!["id"]} {a["name"]}: {a["reason"]}")));
    }

    private static async Task<string> RunAuditAsync(Uri endpoint, string authorization)
    {
        var scripts = Path.GetFullPath(typeof(GraphQLOverHttpAuditTests).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>()
            .Single(a => a.Key == "OracleScripts").Value!);
        Assert.True(Directory.Exists(Path.Combine(scripts, "node_modules")),
            $"graphql-http is not installed: run `npm ci --prefix {scripts}` (./test.sh does this).");
        var start = new ProcessStartInfo("node", [Path.Combine(scripts, "audit.mjs")])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            WorkingDirectory = scripts,
            Environment = { ["GRAPHQL_URL"] = endpoint.ToString(), ["GRAPHQL_AUTHORIZATION"] = authorization },
        };
        using var node = Process.Start(start)!;
        var stdout = node.StandardOutput.ReadToEndAsync();
        var stderr = node.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(3));
        await node.WaitForExitAsync(timeout.Token);
        Assert.True(node.ExitCode == 0, $"the audit script failed ({node.ExitCode}): {await stderr}");
        return await stdout;
    }
}
