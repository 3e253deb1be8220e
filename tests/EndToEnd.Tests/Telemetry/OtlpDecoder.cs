namespace EndToEnd.Tests.Telemetry;

/// <summary>OTLP's span kinds, numbered as in opentelemetry-proto's trace/v1/trace.proto.</summary>
public enum SpanKind { Unspecified, Internal, Server, Client, Producer, Consumer }

/// <summary>One exported span: which service sent it, its instrumentation scope (ActivitySource), its ids and its name.</summary>
public sealed record CollectedSpan(string Service, string Scope, string TraceId, string SpanId, string? ParentSpanId, string Name, SpanKind Kind)
{
    public override string ToString() => $"{Service} | {Scope} | {Kind} | {Name} | {SpanId} <- {ParentSpanId ?? "(root)"}";
}

/// <summary>
/// Reads the parts of OTLP export requests the tests look at. Field numbers are those of opentelemetry-proto:
/// Export*ServiceRequest{1: Resource*}, Resource{Spans,Metrics}{1: Resource, 2: Scope*}, Resource{1: KeyValue},
/// KeyValue{1: key, 2: AnyValue{1: string_value}}, ScopeSpans{1: InstrumentationScope{1: name}, 2: Span},
/// Span{1: trace_id, 2: span_id, 4: parent_span_id, 5: name, 6: kind}.
/// </summary>
public static class OtlpDecoder
{
    public static List<CollectedSpan> Spans(ReadOnlySpan<byte> exportTraceServiceRequest)
    {
        var spans = new List<CollectedSpan>();
        var request = new ProtoReader(exportTraceServiceRequest);
        while (request.Next(out var field))
        {
            if (field != 1)
            {
                request.Skip();
                continue;
            }
            var resourceSpans = request.ReadBytes();
            var service = ServiceName(resourceSpans);
            var reader = new ProtoReader(resourceSpans);
            while (reader.Next(out var inner))
            {
                if (inner == 2)
                    ReadScopeSpans(reader.ReadBytes(), service, spans);
                else
                    reader.Skip();
            }
        }
        return spans;
    }

    /// <summary>The service.name of each ResourceSpans or ResourceMetrics in a request: the two share their resource field.</summary>
    public static List<string> ServiceNames(ReadOnlySpan<byte> exportRequest)
    {
        var names = new List<string>();
        var request = new ProtoReader(exportRequest);
        while (request.Next(out var field))
        {
            if (field == 1)
                names.Add(ServiceName(request.ReadBytes()));
            else
                request.Skip();
        }
        return names;
    }

    private static string ServiceName(ReadOnlySpan<byte> resourceEnvelope)
    {
        var envelope = new ProtoReader(resourceEnvelope);
        while (envelope.Next(out var field))
        {
            if (field != 1)
            {
                envelope.Skip();
                continue;
            }
            var resource = new ProtoReader(envelope.ReadBytes());
            while (resource.Next(out var attribute))
            {
                if (attribute != 1)
                {
                    resource.Skip();
                    continue;
                }
                var (key, value) = ReadKeyValue(resource.ReadBytes());
                if (key == "service.name")
                    return value ?? "";
            }
        }
        return "";
    }

    private static (string Key, string? Value) ReadKeyValue(ReadOnlySpan<byte> keyValue)
    {
        string key = "";
        string? value = null;
        var reader = new ProtoReader(keyValue);
        while (reader.Next(out var field))
        {
            if (field == 1)
                key = reader.ReadString();
            else if (field == 2)
                value = StringValue(reader.ReadBytes());
            else
                reader.Skip();
        }
        return (key, value);
    }

    private static string? StringValue(ReadOnlySpan<byte> anyValue)
    {
        var reader = new ProtoReader(anyValue);
        while (reader.Next(out var field))
        {
            if (field == 1)
                return reader.ReadString();
            reader.Skip();
        }
        return null; // an int, bool, array ...: not needed here
    }

    private static void ReadScopeSpans(ReadOnlySpan<byte> scopeSpans, string service, List<CollectedSpan> spans)
    {
        // The scope may follow its spans on the wire, so find it first.
        var scope = "";
        var first = new ProtoReader(scopeSpans);
        while (first.Next(out var field))
        {
            if (field == 1)
                scope = ScopeName(first.ReadBytes());
            else
                first.Skip();
        }
        var reader = new ProtoReader(scopeSpans);
        while (reader.Next(out var field))
        {
            if (field == 2)
                spans.Add(ReadSpan(reader.ReadBytes(), service, scope));
            else
                reader.Skip();
        }
    }

    private static string ScopeName(ReadOnlySpan<byte> instrumentationScope)
    {
        var reader = new ProtoReader(instrumentationScope);
        while (reader.Next(out var field))
        {
            if (field == 1)
                return reader.ReadString();
            reader.Skip();
        }
        return "";
    }

    private static CollectedSpan ReadSpan(ReadOnlySpan<byte> span, string service, string scope)
    {
        string traceId = "", spanId = "", name = "";
        string? parentSpanId = null;
        var kind = SpanKind.Unspecified;
        var reader = new ProtoReader(span);
        while (reader.Next(out var field))
        {
            switch (field)
            {
                case 1: traceId = Convert.ToHexStringLower(reader.ReadBytes()); break;
                case 2: spanId = Convert.ToHexStringLower(reader.ReadBytes()); break;
                case 4: parentSpanId = reader.ReadBytes() is { Length: > 0 } parent ? Convert.ToHexStringLower(parent) : null; break;
                case 5: name = reader.ReadString(); break;
                case 6: kind = (SpanKind)reader.ReadVarint(); break;
                default: reader.Skip(); break;
            }
        }
        return new CollectedSpan(service, scope, traceId, spanId, parentSpanId, name, kind);
    }
}
