using Microsoft.Extensions.Configuration;
using OpenTelemetry.Exporter;

namespace Crm.ServiceDefaults.Telemetry;

/// <summary>
/// Where and how the OTLP exporter sends each signal, from the standard <c>OTEL_EXPORTER_OTLP_ENDPOINT</c> and
/// <c>OTEL_EXPORTER_OTLP_PROTOCOL</c> settings (read from configuration, so environment variables and appsettings agree).
/// </summary>
public sealed record OtlpTarget(OtlpExportProtocol Protocol, Uri Traces, Uri Metrics)
{
    public const string EndpointKey = "OTEL_EXPORTER_OTLP_ENDPOINT";
    public const string ProtocolKey = "OTEL_EXPORTER_OTLP_PROTOCOL";

    /// <summary>The target, or null when no endpoint is configured (then nothing is exported).</summary>
    public static OtlpTarget? FromConfiguration(IConfiguration configuration)
    {
        var endpoint = configuration[EndpointKey];
        if (string.IsNullOrWhiteSpace(endpoint))
            return null;

        switch (configuration[ProtocolKey]?.Trim())
        {
            case null or "" or "grpc":
                // gRPC names the signal by its service method, so every signal goes to the endpoint itself.
                var grpc = new Uri(endpoint);
                return new OtlpTarget(OtlpExportProtocol.Grpc, grpc, grpc);
            case "http/protobuf":
                // An Endpoint set in code counts as signal-specific and is used as it is, so the exporter would POST to
                // the collector's root. The OTLP spec says the non-signal-specific endpoint gets v1/traces and v1/metrics
                // appended, so do that here.
                var root = endpoint.TrimEnd('/');
                return new OtlpTarget(OtlpExportProtocol.HttpProtobuf, new Uri($"{root}/v1/traces"), new Uri($"{root}/v1/metrics"));
            case var other:
                // The exporter speaks no other protocol (not http/json); exporting nothing without a word would hide it.
                throw new InvalidOperationException(
                    $"{ProtocolKey}='{other}' is not supported: use 'grpc' (the default) or 'http/protobuf'.");
        }
    }
}
