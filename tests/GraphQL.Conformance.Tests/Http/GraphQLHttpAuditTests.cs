using System.Text.Json.Nodes;
using GraphQL.Conformance.Tests.Oracle;
using Xunit.Abstractions;

namespace GraphQL.Conformance.Tests.Http;

/// <summary>The npm <c>graphql-http</c> audit suite (<c>serverAudits</c>) against the engine's HTTP endpoint.</summary>
public class GraphQLHttpAuditTests(LiveEndpoint endpoint, ITestOutputHelper output) : IClassFixture<LiveEndpoint>
{
    /// <summary>SHOULD audits the engine deliberately answers differently, each with the reason (also in the README).</summary>
    public static readonly IReadOnlyDictionary<string, string> AcceptedWarnings = new Dictionary<string, string>();

    [Fact]
    public async Task Every_MUST_audit_passes_and_only_documented_SHOULDs_warn()
    {
        var json = await NodeOracle.RunAsync("audit.mjs", null, TimeSpan.FromMinutes(3), new Dictionary<string, string> { ["GRAPHQL_URL"] = endpoint.Url });
        var audits = JsonNode.Parse(json)!.AsArray().Select(a => (Id: (string)a!["id"]!, Name: (string)a["name"]!, Status: (string)a["status"]!, Reason: (string?)a["reason"])).ToList();
        foreach (var audit in audits.Where(a => a.Status != "ok"))
            output.WriteLine($"{audit.Status} {audit.Id} {audit.Name}: {audit.Reason}");

        Assert.True(audits.Count > 40, $"only {audits.Count} audits ran");
        var failedMusts = audits.Where(a => a.Name.StartsWith("MUST", StringComparison.Ordinal) && a.Status != "ok").ToList();
        Assert.True(failedMusts.Count == 0, "MUST audits failing:\n" + string.Join("\n", failedMusts.Select(a => $"{a.Id} {a.Name}: {a.Reason}")));
        var undocumented = audits.Where(a => a.Status != "ok" && !AcceptedWarnings.ContainsKey(a.Id)).ToList();
        Assert.True(undocumented.Count == 0, "audits not passing and not documented:\n" + string.Join("\n", undocumented.Select(a => $"{a.Status} {a.Id} {a.Name}: {a.Reason}")));
    }
}
