using System.Diagnostics;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace GraphQL.Conformance.Tests.Oracle;

/// <summary>
/// Runs graphql-js (and the other npm reference tools) with Node. The packages come from
/// <c>npm ci --prefix tests/GraphQL.Conformance.Tests/js</c>, which the repository's test script runs first.
/// </summary>
public static class NodeOracle
{
    public static string ScriptDirectory { get; } = FindScriptDirectory();

    /// <summary>Sends one JSON command to <c>oracle.mjs</c> and returns its JSON answer.</summary>
    public static async Task<JsonNode> AskAsync(object command)
    {
        var output = await RunAsync("oracle.mjs", JsonSerializer.Serialize(command), TimeSpan.FromMinutes(2));
        return JsonNode.Parse(output)!;
    }

    /// <summary>Runs a Node script from the js folder; fails with its stderr when it exits non-zero.</summary>
    public static async Task<string> RunAsync(string script, string? stdin, TimeSpan timeout, IReadOnlyDictionary<string, string>? environment = null)
    {
        var start = new ProcessStartInfo("node", script)
        {
            WorkingDirectory = ScriptDirectory,
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        foreach (var (key, value) in environment ?? new Dictionary<string, string>())
            start.Environment[key] = value;
        using var process = Process.Start(start) ?? throw new InvalidOperationException("Could not start node.");
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        if (stdin is not null)
            await process.StandardInput.WriteAsync(stdin);
        process.StandardInput.Close();
        using var cancel = new CancellationTokenSource(timeout);
        try
        {
            await process.WaitForExitAsync(cancel.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"node {script} did not finish within {timeout}. stderr: {await stderr}");
        }

        if (process.ExitCode != 0)
            throw new InvalidOperationException($"node {script} exited with {process.ExitCode}: {await stderr}");
        return await stdout;
    }

    private static string FindScriptDirectory()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            var candidate = Path.Combine(directory.FullName, "tests", "GraphQL.Conformance.Tests", "js");
            if (File.Exists(Path.Combine(candidate, "oracle.mjs")))
            {
                if (!Directory.Exists(Path.Combine(candidate, "node_modules", "graphql")))
                    throw new InvalidOperationException($"The npm reference packages are not installed: run `npm ci --prefix {candidate}` (the repository's test script does).");
                return candidate;
            }
        }

        throw new InvalidOperationException("tests/GraphQL.Conformance.Tests/js/oracle.mjs not found above " + AppContext.BaseDirectory);
    }
}
