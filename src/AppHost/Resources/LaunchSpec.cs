namespace Crm.AppHost.Resources;

/// <summary>The command line and folder a resource's process starts with.</summary>
public sealed record LaunchSpec(string FileName, IReadOnlyList<string> Arguments, string WorkingDirectory);
