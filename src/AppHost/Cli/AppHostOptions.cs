namespace Crm.AppHost.Cli;

/// <summary>What the user asked for on the command line, already validated.</summary>
public sealed record AppHostOptions(string DataDirectory, int GatewayPort, int SiloCount)
{
    public const int DefaultGatewayPort = 5080;
    public const int DefaultSiloCount = 1;
    public const string DefaultDataFolderName = ".crm-data";
}
