namespace Actors.Invocation;

/// <summary>
/// An actor method failed with an exception whose type cannot be rebuilt here (not loadable in this
/// process, or without a (string message) constructor). It keeps the remote type name and message.
/// </summary>
public sealed class RemoteActorException(string remoteType, string message)
    : Exception($"{remoteType}: {message}")
{
    public string RemoteType { get; } = remoteType;

    public string RemoteMessage { get; } = message;
}

/// <summary>A call did not complete in time; with non-reentrant actors this is how a call cycle (A→B→A) ends.</summary>
public sealed class ActorCallTimeoutException(string message) : TimeoutException(message);

/// <summary>No silo can take the call right now (none active, or all unreachable within the call timeout).</summary>
public sealed class ActorUnavailableException(string message, Exception? inner = null) : Exception(message, inner);
