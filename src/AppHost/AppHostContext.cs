using Crm.AppHost.Manifest;
using Crm.AppHost.Supervision;

namespace Crm.AppHost;

/// <summary>Everything the AppHost takes from its surroundings, so tests can run it against fake services.</summary>
/// <param name="Settings">Supervision settings for a given log folder (tests shorten the timeouts).</param>
public sealed record AppHostContext(
    TextWriter Output,
    TextWriter Error,
    string CurrentDirectory,
    IReadOnlyDictionary<string, string> AmbientEnvironment,
    ServiceManifest Manifest,
    string DotnetPath,
    int ProcessId,
    Func<string, SupervisorSettings> Settings);
