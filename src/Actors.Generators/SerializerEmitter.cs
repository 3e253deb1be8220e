using System.Collections.Generic;
using System.Linq;
using System.Text;
using Microsoft.CodeAnalysis;

namespace Actors.Generators;

/// <summary>
/// Builds binary serializers (static W{n}/R{n} methods of one file-local class S) for every type that appears
/// in an actor signature. Primitives are written inline; records and classes are written member by member in
/// constructor order, so reading calls the same constructor; collections are a count and their elements.
/// </summary>
internal sealed class SerializerEmitter(SourceProductionContext spc)
{
    private const string Writer = "global::Actors.Serialization.WireWriter";
    private const string Reader = "global::Actors.Serialization.WireReader";

    private readonly Dictionary<string, int> _indexes = new();
    private readonly Dictionary<string, bool> _valid = new();
    private readonly StringBuilder _methods = new();

    /// <summary>A statement writing <paramref name="value"/>, or null (with a diagnostic) when the type cannot cross the wire.</summary>
    public string? Write(ITypeSymbol type, string writer, string value, ISymbol origin)
    {
        if (Primitive(type) is { } name)
            return $"{writer}.Write{name}({value});";
        if (type.TypeKind == TypeKind.Enum)
            return $"{writer}.WriteInt64((long){value});";
        return Method(type, origin) is { } n ? $"S.W{n}({writer}, {value});" : null;
    }

    /// <summary>An expression reading a value of <paramref name="type"/>, or null (with a diagnostic).</summary>
    public string? Read(ITypeSymbol type, string reader, ISymbol origin)
    {
        if (Primitive(type) is { } name)
            return $"{reader}.Read{name}()";
        if (type.TypeKind == TypeKind.Enum)
            return $"({ActorProxyGenerator.Fq(type)}){reader}.ReadInt64()";
        return Method(type, origin) is { } n ? $"S.R{n}({reader})" : null;
    }

    public string Build() =>
        _indexes.Count == 0 ? "" : $"    file static class S\n    {{\n{_methods}    }}\n";

    private static string? Primitive(ITypeSymbol type)
    {
        switch (type.SpecialType)
        {
            case SpecialType.System_Boolean: return "Boolean";
            case SpecialType.System_Byte: return "Byte";
            case SpecialType.System_SByte: return "SByte";
            case SpecialType.System_Int16: return "Int16";
            case SpecialType.System_UInt16: return "UInt16";
            case SpecialType.System_Int32: return "Int32";
            case SpecialType.System_UInt32: return "UInt32";
            case SpecialType.System_Int64: return "Int64";
            case SpecialType.System_UInt64: return "UInt64";
            case SpecialType.System_Single: return "Single";
            case SpecialType.System_Double: return "Double";
            case SpecialType.System_Decimal: return "Decimal";
            case SpecialType.System_Char: return "Char";
            case SpecialType.System_String: return "String";
            case SpecialType.System_DateTime: return "DateTime";
        }
        if (type is IArrayTypeSymbol { Rank: 1, ElementType.SpecialType: SpecialType.System_Byte })
            return "ByteArray";
        switch (type.ToDisplayString())
        {
            case "System.Guid": return "Guid";
            case "System.DateTimeOffset": return "DateTimeOffset";
            case "System.TimeSpan": return "TimeSpan";
            case "System.DateOnly": return "DateOnly";
            case "System.TimeOnly": return "TimeOnly";
            default: return null;
        }
    }

    private int? Method(ITypeSymbol type, ISymbol origin)
    {
        var key = ActorProxyGenerator.Fq(type);
        if (_indexes.TryGetValue(key, out var existing))
            return _valid[key] ? existing : null;
        var n = _indexes.Count;
        _indexes[key] = n;
        _valid[key] = true; // provisional, so recursive types terminate
        var body = Emit(type, key, n, origin);
        if (body is null)
        {
            _valid[key] = false;
            return null;
        }
        _methods.Append(body);
        return n;
    }

    private string? Emit(ITypeSymbol type, string fq, int n, ISymbol origin)
    {
        if (type is INamedTypeSymbol { OriginalDefinition.SpecialType: SpecialType.System_Nullable_T } nullable)
            return EmitNullable(nullable.TypeArguments[0], fq, n, origin);
        if (type is IArrayTypeSymbol array)
            return array.Rank == 1 ? EmitSequence(array.ElementType, fq, n, origin, readAsList: false) : Fail(type, origin, "only one-dimensional arrays are supported");
        if (type is INamedTypeSymbol named && named.IsGenericType)
        {
            switch (named.OriginalDefinition.ToDisplayString())
            {
                case "System.Collections.Generic.List<T>":
                    return EmitSequence(named.TypeArguments[0], fq, n, origin, readAsList: true);
                case "System.Collections.Generic.IList<T>":
                case "System.Collections.Generic.IReadOnlyList<T>":
                case "System.Collections.Generic.ICollection<T>":
                case "System.Collections.Generic.IReadOnlyCollection<T>":
                case "System.Collections.Generic.IEnumerable<T>":
                    return EmitSequence(named.TypeArguments[0], fq, n, origin, readAsList: false);
                case "System.Collections.Generic.Dictionary<TKey, TValue>":
                case "System.Collections.Generic.IDictionary<TKey, TValue>":
                case "System.Collections.Generic.IReadOnlyDictionary<TKey, TValue>":
                    return EmitDictionary(named.TypeArguments[0], named.TypeArguments[1], fq, n, origin);
            }
        }
        var ns = type.ContainingNamespace?.ToDisplayString() ?? "";
        if (type.SpecialType == SpecialType.System_Object || ns == "System" || ns.StartsWith("System.", System.StringComparison.Ordinal))
            return Fail(type, origin, "object and framework types other than primitives, Guid, dates and the listed collections have no wire format");
        if (type is INamedTypeSymbol { TypeKind: TypeKind.Class or TypeKind.Struct, IsAbstract: false } composite)
            return EmitComposite(composite, fq, n, origin);
        return Fail(type, origin, "use a primitive, an enum, a record/class/struct with public properties, an array, List<T>, IReadOnlyList<T> or a dictionary");
    }

    private string? EmitNullable(ITypeSymbol inner, string fq, int n, ISymbol origin)
    {
        var write = Write(inner, "w", "v.Value", origin);
        var read = Read(inner, "r", origin);
        if (write is null || read is null)
            return null;
        return $"        internal static void W{n}({Writer} w, {fq} v)\n        {{\n            w.WriteBoolean(v.HasValue);\n            if (v.HasValue) {write}\n        }}\n" +
               $"        internal static {fq} R{n}({Reader} r) => r.ReadBoolean() ? {read} : null;\n";
    }

    private string? EmitSequence(ITypeSymbol element, string fq, int n, ISymbol origin, bool readAsList)
    {
        var write = Write(element, "w", "item", origin);
        var read = Read(element, "r", origin);
        if (write is null || read is null)
            return null;
        var elementFq = ActorProxyGenerator.Fq(element);
        return Counted(n, fq,
            $"var items = v as global::System.Collections.Generic.ICollection<{elementFq}> ?? global::System.Linq.Enumerable.ToArray(v); w.WriteCount(items.Count);",
            $"foreach (var item in items) {write}",
            readAsList
                ? $"var list = new global::System.Collections.Generic.List<{elementFq}>(count); for (var i = 0; i < count; i++) list.Add({read}); return list;"
                : $"var array = new {elementFq}[count]; for (var i = 0; i < count; i++) array[i] = {read}; return array;");
    }

    private string? EmitDictionary(ITypeSymbol keyType, ITypeSymbol valueType, string fq, int n, ISymbol origin)
    {
        var writeKey = Write(keyType, "w", "pair.Key", origin);
        var writeValue = Write(valueType, "w", "pair.Value", origin);
        var readKey = Read(keyType, "r", origin);
        var readValue = Read(valueType, "r", origin);
        if (writeKey is null || writeValue is null || readKey is null || readValue is null)
            return null;
        var dictionary = $"global::System.Collections.Generic.Dictionary<{ActorProxyGenerator.Fq(keyType)}, {ActorProxyGenerator.Fq(valueType)}>";
        return Counted(n, fq,
            "w.WriteCount(global::System.Linq.Enumerable.Count(v));",
            $"foreach (var pair in v) {{ {writeKey} {writeValue} }}",
            $"var map = new {dictionary}(count); for (var i = 0; i < count; i++) {{ var key = {readKey}; map[key] = {readValue}; }} return map;");
    }

    /// <summary>A W/R pair for a collection: null is count -1, otherwise the count and the elements.</summary>
    private static string Counted(int n, string fq, string writeCount, string writeElements, string readElements) =>
        $"        internal static void W{n}({Writer} w, {fq} v)\n        {{\n" +
        "            if (v == null) { w.WriteCount(null); return; }\n" +
        $"            {writeCount}\n            {writeElements}\n        }}\n" +
        $"        internal static {fq} R{n}({Reader} r)\n        {{\n" +
        "            var count = r.ReadCount();\n            if (count < 0) return null;\n" +
        $"            {readElements}\n        }}\n";

    private string? EmitComposite(INamedTypeSymbol type, string fq, int n, ISymbol origin)
    {
        var properties = new List<IPropertySymbol>();
        var seen = new HashSet<string>();
        for (var t = type; t is not null && t.SpecialType != SpecialType.System_Object && t.SpecialType != SpecialType.System_ValueType; t = t.BaseType)
        {
            foreach (var p in t.GetMembers().OfType<IPropertySymbol>())
            {
                if (!p.IsStatic && !p.IsIndexer && p.DeclaredAccessibility == Accessibility.Public && p.GetMethod is not null && seen.Add(p.Name))
                    properties.Add(p);
            }
        }

        var constructor = type.InstanceConstructors
            .Where(c => c.DeclaredAccessibility == Accessibility.Public)
            .Where(c => c.Parameters.All(parameter => properties.Any(p => Matches(p, parameter))))
            .OrderByDescending(c => c.Parameters.Length)
            .FirstOrDefault();
        if (constructor is null && !type.IsValueType)
            return Fail(type, origin, "it needs a public constructor whose parameters all match public properties (a positional record), or a parameterless one");

        var constructorProperties = constructor is null
            ? new List<IPropertySymbol>()
            : constructor.Parameters.Select(parameter => properties.First(p => Matches(p, parameter))).ToList();
        var settable = properties
            .Where(p => !constructorProperties.Contains(p, SymbolEqualityComparer.Default))
            .Where(p => p.SetMethod is { DeclaredAccessibility: Accessibility.Public })
            .ToList();

        var writes = new StringBuilder();
        var reads = new List<string>();
        var initializers = new List<string>();
        foreach (var p in constructorProperties.Concat(settable))
        {
            var write = Write(p.Type, "w", "v." + p.Name, origin);
            var read = Read(p.Type, "r", origin);
            if (write is null || read is null)
                return null;
            writes.Append("            ").AppendLine(write);
            if (constructorProperties.Contains(p, SymbolEqualityComparer.Default))
                reads.Add(read);
            else
                initializers.Add($"{p.Name} = {read}");
        }

        var sb = new StringBuilder();
        sb.AppendLine($"        internal static void W{n}({Writer} w, {fq} v)");
        sb.AppendLine("        {");
        if (!type.IsValueType)
            sb.AppendLine("            if ((object)v == null) { w.WriteBoolean(false); return; }\n            w.WriteBoolean(true);");
        sb.Append(writes);
        sb.AppendLine("        }");
        sb.AppendLine($"        internal static {fq} R{n}({Reader} r)");
        sb.AppendLine("        {");
        if (!type.IsValueType)
            sb.AppendLine("            if (!r.ReadBoolean()) return null;");
        var init = initializers.Count == 0 ? "" : $" {{ {string.Join(", ", initializers)} }}";
        sb.AppendLine($"            return new {fq}({string.Join(", ", reads)}){init};");
        sb.AppendLine("        }");
        return sb.ToString();
    }

    private static bool Matches(IPropertySymbol property, IParameterSymbol parameter) =>
        string.Equals(property.Name, parameter.Name, System.StringComparison.OrdinalIgnoreCase) &&
        SymbolEqualityComparer.Default.Equals(property.Type, parameter.Type);

    private string? Fail(ITypeSymbol type, ISymbol origin, string reason)
    {
        spc.ReportDiagnostic(Diagnostic.Create(Diagnostics.UnsupportedType, origin.Locations.FirstOrDefault(), type.ToDisplayString(), reason));
        return null;
    }
}
