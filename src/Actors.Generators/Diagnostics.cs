using Microsoft.CodeAnalysis;

namespace Actors.Generators;

internal static class Diagnostics
{
    public static readonly DiagnosticDescriptor UnsupportedMember = new(
        "ACT001", "Unsupported actor interface member",
        "Actor interface member '{0}' is not supported: {1}",
        "Actors", DiagnosticSeverity.Error, isEnabledByDefault: true);

    public static readonly DiagnosticDescriptor UnsupportedType = new(
        "ACT002", "Type cannot cross the wire",
        "Type '{0}' cannot be serialized for actor calls: {1}",
        "Actors", DiagnosticSeverity.Error, isEnabledByDefault: true);
}
