using GraphQL.Engine.Language;

namespace GraphQL.Engine.Types;

/// <summary>
/// A leaf type. Subclasses define three coercions: result values to JSON-friendly output, variable values
/// (already decoded from JSON) to runtime values, and literals in the document to runtime values.
/// Failed coercions throw <see cref="CoercionException"/> with a message the client can act on.
/// </summary>
public abstract class ScalarType(string name, string? description = null, string? specifiedByUrl = null)
    : NamedType(name, description)
{
    public string? SpecifiedByUrl { get; internal set; } = specifiedByUrl;

    /// <summary>Runtime value to a value the JSON writer understands (string, bool, number, or nested lists/maps).</summary>
    public abstract object Serialize(object value);

    /// <summary>Decoded JSON variable value (string, bool, long, double, decimal, list, map) to a runtime value.</summary>
    public abstract object ParseValue(object value);

    /// <summary>A non-null, non-variable literal to a runtime value.</summary>
    public abstract object ParseLiteral(ValueNode literal);
}

/// <summary>A value could not be coerced to or from a type; the message says what was wrong.</summary>
public sealed class CoercionException(string message) : Exception(message);
