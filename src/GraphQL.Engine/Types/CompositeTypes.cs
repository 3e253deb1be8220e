namespace GraphQL.Engine.Types;

/// <summary>Object or interface: a type with fields that can implement interfaces.</summary>
public abstract class ComplexType(string name, string? description) : NamedType(name, description)
{
    private readonly Dictionary<string, FieldDefinition> _fieldsByName = new(StringComparer.Ordinal);
    private readonly List<FieldDefinition> _fields = [];
    private readonly List<InterfaceType> _interfaces = [];

    public IReadOnlyList<FieldDefinition> Fields => _fields;

    public IReadOnlyList<InterfaceType> Interfaces => _interfaces;

    public FieldDefinition? GetField(string fieldName) => _fieldsByName.GetValueOrDefault(fieldName);

    internal bool AddField(FieldDefinition field)
    {
        if (!_fieldsByName.TryAdd(field.Name, field))
            return false;
        _fields.Add(field);
        return true;
    }

    internal void AddInterface(InterfaceType type) => _interfaces.Add(type);
}

public sealed class ObjectType(string name, string? description = null) : ComplexType(name, description);

/// <summary>An abstract type (interface or union) needs to know the concrete object type of each runtime value.</summary>
public interface IAbstractType
{
    string Name { get; }

    /// <summary>Names the object type of a runtime value; <c>null</c> falls back to the engine's conventions.</summary>
    Func<object, string?>? TypeResolver { get; }
}

public sealed class InterfaceType(string name, string? description = null) : ComplexType(name, description), IAbstractType
{
    public Func<object, string?>? TypeResolver { get; internal set; }
}

public sealed class UnionType(string name, string? description = null) : NamedType(name, description), IAbstractType
{
    private readonly List<ObjectType> _types = [];

    public IReadOnlyList<ObjectType> Types => _types;

    public Func<object, string?>? TypeResolver { get; internal set; }

    internal void AddType(ObjectType type) => _types.Add(type);
}

public sealed class EnumValueDefinition(string name, object value)
{
    public string Name { get; } = name;

    /// <summary>The runtime value; by default the name itself.</summary>
    public object Value { get; } = value;

    public string? Description { get; internal set; }

    public string? DeprecationReason { get; internal set; }

    public bool IsDeprecated => DeprecationReason is not null;

    public Language.EnumValueDefinitionNode? AstNode { get; internal set; }
}

public sealed class EnumType(string name, string? description = null) : NamedType(name, description)
{
    private readonly List<EnumValueDefinition> _values = [];
    private readonly Dictionary<string, EnumValueDefinition> _byName = new(StringComparer.Ordinal);

    public IReadOnlyList<EnumValueDefinition> Values => _values;

    public EnumValueDefinition? GetValue(string valueName) => _byName.GetValueOrDefault(valueName);

    internal bool AddValue(EnumValueDefinition value)
    {
        if (!_byName.TryAdd(value.Name, value))
            return false;
        _values.Add(value);
        return true;
    }

    /// <summary>Output coercion: accepts the enum's name (string), a CLR enum of the same member name, or an internal value.</summary>
    public string? Serialize(object value)
    {
        var text = value is Enum clrEnum ? clrEnum.ToString() : value as string;
        if (text is not null && _byName.TryGetValue(text, out var byName))
            return byName.Name;
        if (text is not null)
        {
            // CLR enums are PascalCase by convention while GraphQL enum values are SCREAMING_CASE.
            foreach (var candidate in _values)
            {
                if (string.Equals(candidate.Name.Replace("_", string.Empty), text.Replace("_", string.Empty), StringComparison.OrdinalIgnoreCase))
                    return candidate.Name;
            }
        }

        return _values.FirstOrDefault(v => Equals(v.Value, value))?.Name;
    }
}

public sealed class InputObjectType(string name, string? description = null) : NamedType(name, description)
{
    private readonly List<InputValueDefinition> _fields = [];
    private readonly Dictionary<string, InputValueDefinition> _byName = new(StringComparer.Ordinal);

    public IReadOnlyList<InputValueDefinition> Fields => _fields;

    /// <summary>A <c>@oneOf</c> input object: exactly one field must be given, and it must not be null.</summary>
    public bool IsOneOf { get; internal set; }

    public InputValueDefinition? GetField(string fieldName) => _byName.GetValueOrDefault(fieldName);

    internal bool AddField(InputValueDefinition field)
    {
        if (!_byName.TryAdd(field.Name, field))
            return false;
        _fields.Add(field);
        return true;
    }
}
