using System.Collections.Concurrent;
using System.Reflection;
using Actors.Invocation;

namespace Actors.Messaging;

/// <summary>
/// Rebuilds an exception that crossed the wire: the same type when it is loadable here and has a
/// (string message) constructor, otherwise a <see cref="RemoteActorException"/> naming the remote type.
/// </summary>
internal static class RemoteExceptions
{
    private static readonly ConcurrentDictionary<string, ConstructorInfo?> Constructors = new();

    public static Exception Rebuild(string typeName, string message)
    {
        var constructor = Constructors.GetOrAdd(typeName, static name =>
        {
            var type = Type.GetType(name, throwOnError: false);
            return type is not null && typeof(Exception).IsAssignableFrom(type) && !type.IsAbstract
                ? type.GetConstructor([typeof(string)])
                : null;
        });
        if (constructor is not null)
        {
            try
            {
                return (Exception)constructor.Invoke([message]);
            }
            catch (TargetInvocationException)
            {
                // The constructor itself failed; fall through to the generic wrapper.
            }
        }
        var shortName = typeName.Split(',')[0];
        return new RemoteActorException(shortName, message);
    }
}
