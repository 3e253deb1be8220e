using Crm.AppHost.Cli;

namespace Crm.AppHost.Resources;

/// <param name="Options">The parsed command line.</param>
/// <param name="GatewaySecret">Base64 key every service gets as Crm__GatewaySecret.</param>
/// <param name="DotnetPath">The `dotnet` executable that launches each service dll.</param>
/// <param name="ParentPid">Our pid, passed as CRM_PARENT_PID so a child stops when the AppHost disappears.</param>
/// <param name="AmbientEnvironment">The AppHost's own environment: its OTEL_* and environment name pass through.</param>
public sealed record CrmAppModelSettings(
    AppHostOptions Options,
    string GatewaySecret,
    string DotnetPath,
    int ParentPid,
    IReadOnlyDictionary<string, string> AmbientEnvironment);
