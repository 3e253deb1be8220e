using System.Collections.Concurrent;
using System.Linq.Expressions;
using System.Reflection;

namespace GraphQL.Engine.Execution;

/// <summary>
/// The default resolver: reads the parent's dictionary entry or public property/field of the field's name
/// (case-insensitive). Accessors are compiled once per CLR type and name.
/// </summary>
internal static class MemberReader
{
    private static readonly ConcurrentDictionary<(Type, string), Func<object, object?>?> Accessors = new();

    public static object? Read(object? parent, string name)
    {
        switch (parent)
        {
            case null:
                return null;
            case IReadOnlyDictionary<string, object?> map:
                return map.TryGetValue(name, out var value) ? value : null;
            case IDictionary<string, object?> dictionary:
                return dictionary.TryGetValue(name, out var entry) ? entry : null;
        }

        var accessor = Accessors.GetOrAdd((parent.GetType(), name), static key => Compile(key.Item1, key.Item2));
        return accessor?.Invoke(parent);
    }

    private static Func<object, object?>? Compile(Type type, string name)
    {
        const BindingFlags flags = BindingFlags.Public | BindingFlags.Instance | BindingFlags.IgnoreCase;
        MemberInfo? member = type.GetProperty(name, flags) is { CanRead: true, GetMethod.IsPublic: true } property && property.GetIndexParameters().Length == 0
            ? property
            : type.GetField(name, flags);
        if (member is null)
            return null;
        var parameter = Expression.Parameter(typeof(object), "parent");
        var access = Expression.MakeMemberAccess(Expression.Convert(parameter, type), member);
        return Expression.Lambda<Func<object, object?>>(Expression.Convert(access, typeof(object)), parameter).Compile();
    }
}
