namespace Actors;

/// <summary>
/// Marks an actor interface. Each actor kind is an interface deriving from this one, keyed by a string;
/// every method returns <see cref="Task"/>, <see cref="Task{TResult}"/>, <see cref="ValueTask"/> or
/// <see cref="ValueTask{TResult}"/>. Proxies and invokers for it are generated at build time.
/// </summary>
public interface IActor;
