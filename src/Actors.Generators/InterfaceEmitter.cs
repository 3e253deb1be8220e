using System.Collections.Generic;
using System.Linq;
using System.Text;
using Microsoft.CodeAnalysis;

namespace Actors.Generators;

/// <summary>Emits the proxy (P{n}), one request class per method (R{n}_{m}) and the invoker (V{n}) of one actor interface.</summary>
internal sealed class InterfaceEmitter(SourceProductionContext spc, SerializerEmitter serializers, INamedTypeSymbol actor, int index)
{
    private const string Ns = "global::Actors.Invocation.";
    private const string Ser = "global::Actors.Serialization.";

    private sealed class MethodModel(IMethodSymbol symbol, ITypeSymbol? result, bool returnsValueTask, List<IParameterSymbol> wireParameters)
    {
        public IMethodSymbol Symbol { get; } = symbol;
        public ITypeSymbol? Result { get; } = result;
        public bool ReturnsValueTask { get; } = returnsValueTask;
        public List<IParameterSymbol> WireParameters { get; } = wireParameters;
    }

    public bool TryEmit(StringBuilder code)
    {
        var methods = new List<MethodModel>();
        var ok = true;
        foreach (var type in new[] { actor }.Concat(actor.AllInterfaces))
        {
            if (type.ToDisplayString() == "Actors.IActor")
                continue;
            foreach (var member in type.GetMembers())
            {
                if (member is IMethodSymbol { MethodKind: MethodKind.Ordinary } method && !method.IsStatic)
                {
                    if (Analyze(method) is { } model)
                        methods.Add(model);
                    else
                        ok = false;
                }
                else if (!member.IsStatic && member is not IMethodSymbol)
                {
                    Report(member, "actor interfaces may only declare methods returning Task, Task<T>, ValueTask or ValueTask<T>");
                    ok = false;
                }
            }
        }
        if (!ok)
            return false;

        var requests = new StringBuilder();
        for (var m = 0; m < methods.Count; m++)
            ok &= EmitRequest(requests, methods[m], m);
        if (!ok)
            return false;
        code.Append(requests);
        EmitProxy(code, methods);
        EmitInvoker(code, methods);
        return true;
    }

    private MethodModel? Analyze(IMethodSymbol method)
    {
        if (method.IsGenericMethod)
        {
            Report(method, "generic methods cannot be routed to an activation");
            return null;
        }
        var returnType = method.ReturnType as INamedTypeSymbol;
        var name = returnType?.ConstructedFrom.ToDisplayString();
        ITypeSymbol? result;
        bool valueTask;
        switch (name)
        {
            case "System.Threading.Tasks.Task": result = null; valueTask = false; break;
            case "System.Threading.Tasks.ValueTask": result = null; valueTask = true; break;
            case "System.Threading.Tasks.Task<TResult>": result = returnType!.TypeArguments[0]; valueTask = false; break;
            case "System.Threading.Tasks.ValueTask<TResult>": result = returnType!.TypeArguments[0]; valueTask = true; break;
            default:
                Report(method, "the return type must be Task, Task<T>, ValueTask or ValueTask<T>");
                return null;
        }
        var wire = new List<IParameterSymbol>();
        foreach (var parameter in method.Parameters)
        {
            if (parameter.RefKind != RefKind.None)
            {
                Report(method, $"parameter '{parameter.Name}' is passed by reference, which cannot cross the wire");
                return null;
            }
            if (!IsCancellationToken(parameter.Type))
                wire.Add(parameter);
        }
        return new MethodModel(method, result, valueTask, wire);
    }

    private static bool IsCancellationToken(ITypeSymbol type) => type.ToDisplayString() == "System.Threading.CancellationToken";

    private bool EmitRequest(StringBuilder code, MethodModel model, int m)
    {
        var method = model.Symbol;
        var flags = 0;
        foreach (var attribute in method.GetAttributes())
        {
            var attributeName = attribute.AttributeClass?.ToDisplayString();
            if (attributeName == "Actors.ReadOnlyAttribute")
                flags |= 1;
            else if (attributeName == "Actors.AlwaysInterleaveAttribute")
                flags |= 2;
        }

        var ok = true;
        var writes = new StringBuilder();
        for (var i = 0; i < model.WireParameters.Count; i++)
        {
            var statement = serializers.Write(model.WireParameters[i].Type, "w", $"_a{i}", method);
            ok &= statement is not null;
            writes.Append("            ").Append(statement).AppendLine();
        }
        var resultWrite = model.Result is null ? "" : serializers.Write(model.Result, "w", $"({ActorProxyGenerator.Fq(model.Result)})result", method);
        var resultRead = model.Result is null ? "null" : serializers.Read(model.Result, "r", method);
        ok &= resultWrite is not null && resultRead is not null;
        if (!ok)
            return false;

        var cls = $"R{index}_{m}";
        code.AppendLine($"    file sealed class {cls} : {Ns}ActorRequest");
        code.AppendLine("    {");
        for (var i = 0; i < model.WireParameters.Count; i++)
            code.AppendLine($"        internal readonly {ActorProxyGenerator.Fq(model.WireParameters[i].Type)} _a{i};");
        code.AppendLine($"        internal {cls}({string.Join(", ", model.WireParameters.Select((p, i) => $"{ActorProxyGenerator.Fq(p.Type)} a{i}"))})");
        code.AppendLine("        {");
        for (var i = 0; i < model.WireParameters.Count; i++)
            code.AppendLine($"            _a{i} = a{i};");
        code.AppendLine("        }");
        code.AppendLine($"        public override int MethodId => {m};");
        code.AppendLine($"        public override string MethodName => \"{method.Name}\";");
        code.AppendLine($"        public override {Ns}CallFlags Flags => ({Ns}CallFlags){flags};");
        code.AppendLine($"        public override void WriteArguments({Ser}WireWriter w)");
        code.AppendLine("        {");
        code.Append(writes);
        code.AppendLine("        }");
        var call = $"(({ActorProxyGenerator.Fq(method.ContainingType)})actor).{method.Name}({CallArguments(model, forProxy: false)})";
        code.AppendLine("        public override async global::System.Threading.Tasks.Task<object> InvokeAsync(object actor)");
        code.AppendLine("        {");
        if (model.Result is null)
        {
            code.AppendLine($"            await {call};");
            code.AppendLine("            return null;");
        }
        else
        {
            code.AppendLine($"            return await {call};");
        }
        code.AppendLine("        }");
        code.AppendLine($"        public override void WriteResult({Ser}WireWriter w, object result)");
        code.AppendLine("        {");
        if (model.Result is not null)
            code.AppendLine($"            {resultWrite}");
        code.AppendLine("        }");
        code.AppendLine($"        public override object ReadResult({Ser}WireReader r) => {resultRead};");
        code.AppendLine("    }");
        return true;
    }

    /// <summary>Arguments of the target call: request fields in wire order, the request's token where the interface takes one.</summary>
    private static string CallArguments(MethodModel model, bool forProxy)
    {
        var wire = 0;
        var parts = new List<string>();
        foreach (var parameter in model.Symbol.Parameters)
        {
            if (IsCancellationToken(parameter.Type))
                parts.Add(forProxy ? "@" + parameter.Name : "CancellationToken");
            else
                parts.Add(forProxy ? "@" + parameter.Name : $"_a{wire++}");
        }
        return string.Join(", ", parts);
    }

    private void EmitProxy(StringBuilder code, List<MethodModel> methods)
    {
        code.AppendLine($"    file sealed class P{index} : {ActorProxyGenerator.Fq(actor)}");
        code.AppendLine("    {");
        code.AppendLine($"        private readonly {Ns}ActorReference _reference;");
        code.AppendLine($"        internal P{index}({Ns}ActorReference reference) {{ _reference = reference; }}");
        code.AppendLine("        public override string ToString() => _reference.Id.ToString();");
        for (var m = 0; m < methods.Count; m++)
        {
            var model = methods[m];
            var method = model.Symbol;
            var parameters = string.Join(", ", method.Parameters.Select(p => $"{ActorProxyGenerator.Fq(p.Type)} @{p.Name}"));
            var token = method.Parameters.FirstOrDefault(p => IsCancellationToken(p.Type)) is { } t ? "@" + t.Name : "default";
            var request = $"new R{index}_{m}({string.Join(", ", model.WireParameters.Select(p => "@" + p.Name))})" +
                (token == "default" ? "" : $" {{ CancellationToken = {token} }}");
            var invoke = model.Result is null
                ? $"_reference.InvokeAsync({request}, {token})"
                : $"_reference.InvokeAsync<{ActorProxyGenerator.Fq(model.Result)}>({request}, {token})";
            if (model.ReturnsValueTask)
                invoke = $"new {ActorProxyGenerator.Fq(method.ReturnType)}({invoke})";
            code.AppendLine($"        {ActorProxyGenerator.Fq(method.ReturnType)} {ActorProxyGenerator.Fq(method.ContainingType)}.{method.Name}({parameters}) => {invoke};");
        }
        code.AppendLine("    }");
    }

    private void EmitInvoker(StringBuilder code, List<MethodModel> methods)
    {
        code.AppendLine($"    file sealed class V{index} : {Ns}IActorInvoker");
        code.AppendLine("    {");
        code.AppendLine($"        public {Ns}ActorRequest ReadRequest(int methodId, {Ser}WireReader r)");
        code.AppendLine("        {");
        code.AppendLine("            switch (methodId)");
        code.AppendLine("            {");
        for (var m = 0; m < methods.Count; m++)
        {
            var reads = methods[m].WireParameters.Select(p => serializers.Read(p.Type, "r", methods[m].Symbol));
            code.AppendLine($"                case {m}: return new R{index}_{m}({string.Join(", ", reads)});");
        }
        code.AppendLine($"                default: throw new {Ser}WireFormatException(\"{actor.ToDisplayString()} has no method #\" + methodId + \"; caller and silo were built from different versions of the interface.\");");
        code.AppendLine("            }");
        code.AppendLine("        }");
        code.AppendLine("    }");
    }

    private void Report(ISymbol member, string reason) =>
        spc.ReportDiagnostic(Diagnostic.Create(Diagnostics.UnsupportedMember, member.Locations.FirstOrDefault(), member.ToDisplayString(), reason));
}
