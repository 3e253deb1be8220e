using System.Diagnostics;
using System.Text.RegularExpressions;

namespace EndToEnd.Tests;

/// <summary>The README's "Try it" walkthrough, run with bash exactly as written, against a running system.</summary>
[Collection(SystemCollection.Name)]
public sealed partial class ReadmeWalkthroughTests(SystemFixture system) : IClassFixture<SystemFixture>
{
    [Fact]
    public async Task The_walkthrough_signs_up_creates_lists_reads_and_updates_a_customer_as_written()
    {
        var readme = await File.ReadAllTextAsync(Path.Combine(RepositoryRoot(), "README.md"));
        var tryIt = readme[readme.IndexOf("## Try it", StringComparison.Ordinal)..];
        var script = ShellBlock().Match(tryIt).Groups["script"].Value;
        Assert.Contains("KEY=", script);
        // The README's system listens on 5080; this one on the fixture's port.
        script = script.Replace("http://127.0.0.1:5080", system.Host.Gateway.ToString().TrimEnd('/'), StringComparison.Ordinal);

        var (exitCode, output) = await RunBashAsync(script);

        Assert.True(exitCode == 0, $"the walkthrough failed ({exitCode}):\n{output}");
        Assert.Contains("\"totalCount\":1", output);
        Assert.Contains("Ada Lovelace", output);
        Assert.Contains("\"tags\":[\"vip\"]", output);
        Assert.Contains("customers:write", output);
        Assert.DoesNotContain("\"errors\":[{", output);
    }

    private static async Task<(int ExitCode, string Output)> RunBashAsync(string script)
    {
        var start = new ProcessStartInfo("bash", ["-euo", "pipefail", "-c", script]) { RedirectStandardOutput = true, RedirectStandardError = true };
        using var bash = Process.Start(start)!;
        var stdout = bash.StandardOutput.ReadToEndAsync();
        var stderr = bash.StandardError.ReadToEndAsync();
        await bash.WaitForExitAsync().WaitAsync(TimeSpan.FromMinutes(2));
        return (bash.ExitCode, await stdout + await stderr);
    }

    private static string RepositoryRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Crm.Saas.sln")))
                return dir.FullName;
        }
        throw new InvalidOperationException("The tests run outside the repository: no Crm.Saas.sln above " + AppContext.BaseDirectory);
    }

    [GeneratedRegex("```sh\\n(?<script>.*?)```", RegexOptions.Singleline)]
    private static partial Regex ShellBlock();
}
