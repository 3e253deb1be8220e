using System.Collections.Concurrent;
using System.Runtime.CompilerServices;

namespace Actors.Invocation;

/// <summary>What the generator registered for one actor interface.</summary>
public sealed record ActorInterfaceInfo(Type Interface, string Kind, Func<ActorReference, object> CreateProxy, IActorInvoker Invoker);

/// <summary>
/// Every actor interface known to this process. Generated module initializers fill it; a lookup that misses
/// runs the interface's module initializer first, because the runtime cannot rely on the module having been
/// touched before a proxy is asked for.
/// </summary>
public static class ActorInterfaceRegistry
{
    private static readonly ConcurrentDictionary<Type, ActorInterfaceInfo> ByType = new();
    private static readonly ConcurrentDictionary<string, ActorInterfaceInfo> ByKind = new(StringComparer.Ordinal);

    /// <summary>Called by generated code only.</summary>
    public static void Register(ActorInterfaceInfo info)
    {
        ByType[info.Interface] = info;
        ByKind[info.Kind] = info;
    }

    public static ActorInterfaceInfo Get(Type actorInterface)
    {
        if (ByType.TryGetValue(actorInterface, out var info))
            return info;
        RuntimeHelpers.RunModuleConstructor(actorInterface.Module.ModuleHandle);
        return ByType.TryGetValue(actorInterface, out info)
            ? info
            : throw new InvalidOperationException(
                $"{actorInterface.FullName} has no generated proxy. It must be an interface deriving from Actors.IActor, declared in a project " +
                "that references Actors.Generators as an analyzer (OutputItemType=\"Analyzer\" ReferenceOutputAssembly=\"false\").");
    }

    public static bool TryGetByKind(string kind, out ActorInterfaceInfo info) => ByKind.TryGetValue(kind, out info!);
}
