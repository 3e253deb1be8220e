using System.Collections;
using System.Globalization;
using System.Text.Json;

namespace GraphQL.Engine.Execution;

/// <summary>Converts coerced argument values (maps, lists, primitives) to what a resolver asks for.</summary>
internal static class ArgumentConverter
{
    private static readonly JsonSerializerOptions BindingOptions = new(JsonSerializerDefaults.Web);

    public static T? Convert<T>(object? value, string name)
    {
        if (value is T typed)
            return typed;
        if (value is null)
            return default;
        var target = Nullable.GetUnderlyingType(typeof(T)) ?? typeof(T);
        try
        {
            if (target.IsEnum && value is string text)
                return (T)Enum.Parse(target, text.Replace("_", string.Empty), ignoreCase: true);
            if (target.IsPrimitive || target == typeof(decimal) || target == typeof(string))
                return (T)System.Convert.ChangeType(value, target, CultureInfo.InvariantCulture);
            if (value is IList list && typeof(T) == typeof(IReadOnlyList<object?>))
                return (T)(object)list.Cast<object?>().ToList();

            // Input objects and lists bind to records/classes by property name, as ASP.NET Core binds JSON.
            return JsonSerializer.SerializeToElement(value, BindingOptions).Deserialize<T>(BindingOptions);
        }
        catch (Exception e) when (e is InvalidCastException or FormatException or OverflowException or JsonException or ArgumentException or NotSupportedException)
        {
            throw new InvalidOperationException($"Argument \"{name}\" holds a {value.GetType().Name}, which cannot be converted to {typeof(T).Name}: {e.Message}", e);
        }
    }
}
