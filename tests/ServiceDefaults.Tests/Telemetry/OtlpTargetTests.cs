using Crm.ServiceDefaults.Telemetry;
using Microsoft.Extensions.Configuration;
using OpenTelemetry.Exporter;

namespace ServiceDefaults.Tests.Telemetry;

public sealed class OtlpTargetTests
{
    private static OtlpTarget? Target(string? endpoint, string? protocol = null) =>
        OtlpTarget.FromConfiguration(new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            [OtlpTarget.EndpointKey] = endpoint,
            [OtlpTarget.ProtocolKey] = protocol,
        }).Build());

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("  ")]
    public void Without_an_endpoint_nothing_is_exported(string? endpoint) => Assert.Null(Target(endpoint, "http/protobuf"));

    [Theory]
    [InlineData(null)]
    [InlineData("grpc")]
    public void Grpc_is_the_default_and_sends_every_signal_to_the_endpoint_itself(string? protocol)
    {
        var target = Target("http://collector:4317", protocol)!;

        Assert.Equal(OtlpExportProtocol.Grpc, target.Protocol);
        Assert.Equal(new Uri("http://collector:4317"), target.Traces);
        Assert.Equal(new Uri("http://collector:4317"), target.Metrics);
    }

    [Theory]
    [InlineData("http://collector:4318")]
    [InlineData("http://collector:4318/")]
    public void Http_protobuf_appends_each_signal_path_to_the_endpoint(string endpoint)
    {
        var target = Target(endpoint, "http/protobuf")!;

        Assert.Equal(OtlpExportProtocol.HttpProtobuf, target.Protocol);
        Assert.Equal(new Uri("http://collector:4318/v1/traces"), target.Traces);
        Assert.Equal(new Uri("http://collector:4318/v1/metrics"), target.Metrics);
    }

    [Fact]
    public void Http_protobuf_keeps_a_path_prefix_of_the_endpoint()
    {
        var target = Target("http://proxy/otlp", "http/protobuf")!;

        Assert.Equal(new Uri("http://proxy/otlp/v1/traces"), target.Traces);
        Assert.Equal(new Uri("http://proxy/otlp/v1/metrics"), target.Metrics);
    }

    [Fact]
    public void A_protocol_the_exporter_does_not_speak_is_refused_by_name()
    {
        var error = Assert.Throws<InvalidOperationException>(() => Target("http://collector:4318", "http/json"));

        Assert.Contains("http/json", error.Message);
    }
}
