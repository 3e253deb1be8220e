using Actors.Invocation;

namespace Actors.Routing;

/// <summary>Hands out generated proxies bound to a caller (the silo's router or the client's).</summary>
internal sealed class ActorFactory(IActorCaller caller) : IActorFactory
{
    public TActor Get<TActor>(string key) where TActor : IActor
    {
        if (string.IsNullOrEmpty(key))
            throw new ArgumentException($"An actor key must be non-empty (asked for {typeof(TActor).Name}).", nameof(key));
        var info = InterfaceOf<TActor>.Info;
        return (TActor)info.CreateProxy(new ActorReference(new ActorId(info.Kind, key), caller));
    }

    private static class InterfaceOf<TActor>
    {
        public static readonly ActorInterfaceInfo Info = ActorInterfaceRegistry.Get(typeof(TActor));
    }
}
