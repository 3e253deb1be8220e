using Actors.Generators;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;

namespace Actors.Tests.Serialization;

/// <summary>The generator refuses, at build time and with a reason, what it cannot carry over the wire.</summary>
public sealed class GeneratorDiagnosticsTests
{
    private static IReadOnlyList<Diagnostic> Generate(string source)
    {
        var references = AppDomain.CurrentDomain.GetAssemblies()
            .Where(a => !a.IsDynamic && !string.IsNullOrEmpty(a.Location))
            .Select(a => MetadataReference.CreateFromFile(a.Location));
        var compilation = CSharpCompilation.Create("Snippet", [CSharpSyntaxTree.ParseText(source)], references,
            new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary));
        CSharpGeneratorDriver.Create(new ActorProxyGenerator())
            .RunGeneratorsAndUpdateCompilation(compilation, out var output, out var diagnostics);
        return diagnostics.Concat(output.GetDiagnostics().Where(d => d.Severity == DiagnosticSeverity.Error)).ToList();
    }

    [Fact]
    public void A_valid_interface_generates_code_that_compiles()
    {
        var diagnostics = Generate("""
            public sealed record Item(string Name, int Count);
            public interface IShop : Actors.IActor
            {
                System.Threading.Tasks.Task<Item[]> ListAsync(System.Collections.Generic.List<string> filter);
            }
            """);
        Assert.Empty(diagnostics);
    }

    [Fact]
    public void A_property_on_an_actor_interface_is_ACT001()
    {
        var diagnostics = Generate("""
            public interface IShop : Actors.IActor
            {
                int Count { get; }
            }
            """);
        var error = Assert.Single(diagnostics, d => d.Id == "ACT001");
        Assert.Contains("only declare methods", error.GetMessage(System.Globalization.CultureInfo.InvariantCulture));
    }

    [Fact]
    public void A_synchronous_method_is_ACT001()
    {
        var diagnostics = Generate("""
            public interface IShop : Actors.IActor
            {
                int Count();
            }
            """);
        Assert.Contains(diagnostics, d => d.Id == "ACT001");
    }

    [Fact]
    public void A_type_that_cannot_cross_the_wire_is_ACT002()
    {
        var diagnostics = Generate("""
            public interface IShop : Actors.IActor
            {
                System.Threading.Tasks.Task SendAsync(object anything);
            }
            """);
        var error = Assert.Single(diagnostics, d => d.Id == "ACT002");
        Assert.Contains("object", error.GetMessage(System.Globalization.CultureInfo.InvariantCulture));
    }
}
