using System.Reflection;

namespace Crm.Tests.Shared;

/// <summary>
/// An <see cref="IGrainFactory"/> that answers GetGrain&lt;T&gt;(string key) with an in-process object, for the tests
/// of code that calls grains. Linked into the test projects that need it; anything else it is asked is refused.
/// </summary>
public class FakeGrainFactory : DispatchProxy
{
    private Func<Type, string, object> _resolve = (type, _) => throw new NotSupportedException($"No fake {type.Name}.");

    public static IGrainFactory Create(Func<Type, string, object> resolve)
    {
        var factory = Create<IGrainFactory, FakeGrainFactory>();
        ((FakeGrainFactory)(object)factory)._resolve = resolve;
        return factory;
    }

    protected override object? Invoke(MethodInfo? targetMethod, object?[]? args) =>
        targetMethod is { Name: nameof(IGrainFactory.GetGrain), IsGenericMethod: true } && args is [string key, ..]
            ? _resolve(targetMethod.ReturnType, key)
            : throw new NotSupportedException($"The fake grain factory does not do {targetMethod?.Name}.");
}
