namespace Crm.AppHost;

/// <summary>A problem that stops the AppHost; the message says what went wrong and what to do about it.</summary>
public sealed class AppHostException(string message) : Exception(message);
