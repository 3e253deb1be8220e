namespace Crm.AppHost.Cli;

/// <summary>The command line cannot be understood; the message says what was wrong and how to fix it.</summary>
public sealed class OptionsException(string message) : Exception(message);
