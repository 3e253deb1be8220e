using Actors.Persistence;
using Actors.Runtime;

namespace Actors.Hosting;

/// <summary>Declares which actor kinds a silo hosts.</summary>
public sealed class ActorSiloBuilder
{
    internal List<ActorClass> Classes { get; } = [];

    internal Func<IServiceProvider, IStateStore>? StateStore { get; private set; }

    /// <summary>Keeps actor state in this store instead of Actors:Storage (membership and reminders stay there).</summary>
    public ActorSiloBuilder UseStateStore(Func<IServiceProvider, IStateStore> factory)
    {
        StateStore = factory ?? throw new ArgumentNullException(nameof(factory));
        return this;
    }

    /// <summary>Hosts <typeparamref name="TActor"/> for calls to <typeparamref name="TInterface"/>.</summary>
    /// <param name="idleAge">Deactivate activations of this kind idle for longer than this (default: Actors:Activations:IdleAge).</param>
    public ActorSiloBuilder AddActor<TInterface, TActor>(TimeSpan? idleAge = null)
        where TInterface : IActor
        where TActor : Actor, TInterface
    {
        if (Classes.Any(c => c.Interface.Interface == typeof(TInterface)))
            throw new InvalidOperationException($"{typeof(TInterface).Name} is already registered; a kind has exactly one implementation.");
        Classes.Add(new ActorClass(typeof(TInterface), typeof(TActor), idleAge));
        return this;
    }
}
