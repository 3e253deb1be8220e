using System.Reflection;
using Actors.Invocation;
using Actors.Persistence;
using Microsoft.Extensions.DependencyInjection;

namespace Actors.Runtime;

/// <summary>
/// How to build activations of one actor kind: the implementation's DI factory and its persistent state
/// parameters. Reflection happens once here, at registration, never per call.
/// </summary>
internal sealed class ActorClass
{
    private static readonly MethodInfo CreateState = typeof(ActorClass).GetMethod(nameof(CreateStateOf), BindingFlags.NonPublic | BindingFlags.Static)!;

    private readonly ObjectFactory _factory;
    private readonly (string Name, Func<ActorId, string, IStateStore, IPersistentStateLoader> Create)[] _states;

    public ActorClass(Type actorInterface, Type implementation, TimeSpan? idleAge)
    {
        if (!actorInterface.IsInterface || !typeof(IActor).IsAssignableFrom(actorInterface))
            throw new ArgumentException($"{actorInterface.Name} must be an interface deriving from Actors.IActor.");
        if (!typeof(Actor).IsAssignableFrom(implementation) || !actorInterface.IsAssignableFrom(implementation) || implementation.IsAbstract)
            throw new ArgumentException($"{implementation.Name} must be a concrete class deriving from Actors.Actor and implementing {actorInterface.Name}.");
        Interface = ActorInterfaceRegistry.Get(actorInterface);
        Implementation = implementation;
        IdleAge = idleAge;
        Reentrant = implementation.IsDefined(typeof(ReentrantAttribute), inherit: true);

        var constructor = implementation.GetConstructors().OrderByDescending(c => c.GetParameters().Length).FirstOrDefault()
            ?? throw new ArgumentException($"{implementation.Name} has no public constructor.");
        var stateParameters = constructor.GetParameters()
            .Select(p => (Parameter: p, Attribute: p.GetCustomAttribute<PersistentStateAttribute>()))
            .Where(p => p.Attribute is not null)
            .ToArray();
        _states = stateParameters.Select(p =>
        {
            var type = p.Parameter.ParameterType;
            if (!type.IsGenericType || type.GetGenericTypeDefinition() != typeof(IPersistentState<>))
                throw new ArgumentException($"{implementation.Name}: parameter '{p.Parameter.Name}' has [PersistentState] but is not an IPersistentState<T>.");
            var create = CreateState.MakeGenericMethod(type.GetGenericArguments()[0])
                .CreateDelegate<Func<ActorId, string, IStateStore, IPersistentStateLoader>>();
            return (p.Attribute!.StateName, create);
        }).ToArray();
        _factory = ActivatorUtilities.CreateFactory(implementation, stateParameters.Select(p => p.Parameter.ParameterType).ToArray());
    }

    public ActorInterfaceInfo Interface { get; }

    public string Kind => Interface.Kind;

    public Type Implementation { get; }

    public TimeSpan? IdleAge { get; }

    public bool Reentrant { get; }

    /// <summary>Creates the actor and its states; the states are loaded by the caller before the first turn.</summary>
    public (Actor Actor, IPersistentStateLoader[] States) Create(IServiceProvider services, ActorId id, IStateStore store)
    {
        var states = new IPersistentStateLoader[_states.Length];
        var arguments = new object[_states.Length];
        for (var i = 0; i < _states.Length; i++)
        {
            states[i] = _states[i].Create(id, _states[i].Name, store);
            arguments[i] = states[i].Instance;
        }
        return ((Actor)_factory(services, arguments), states);
    }

    private static IPersistentStateLoader CreateStateOf<TState>(ActorId id, string name, IStateStore store) where TState : new() =>
        PersistentState<TState>.Create(id, name, store);
}
