using System.Text;
using Bastion.Core;
using Bastion.Http.Observability;
using OpenTelemetry.Exporter;
using OpenTelemetry.Trace;

namespace Bastion.Http.Tests.Observability;

[Collection(GlobalTelemetryCollection.Name)]
public sealed class OtlpTracingTests
{
    private static Func<string, string?> Environment(params (string Name, string Value)[] variables) =>
        name => variables.Where(v => v.Name == name).Select(v => v.Value).FirstOrDefault();

    [Fact]
    public void Start_ReturnsNull_WhenNoEndpointIsGivenOrSet()
    {
        OtlpTracing.Start(null, "bastion", Environment()).ShouldBeNull();
        OtlpTracing.Start(" ", "bastion", Environment()).ShouldBeNull();
    }

    [Theory]
    [InlineData("http://127.0.0.1:4318", "http://127.0.0.1:4318/v1/traces")]
    [InlineData("http://collector:4318/", "http://collector:4318/v1/traces")]
    [InlineData("https://otel.example.com/otlp", "https://otel.example.com/otlp/v1/traces")]
    [InlineData("http://collector:4318/v1/traces", "http://collector:4318/v1/traces")]
    public void Target_PostsToV1Traces_UnderTheGivenBase(string endpoint, string expected)
    {
        OtlpTracing.Target(endpoint, Environment()).ShouldBe((new Uri(expected), OtlpExportProtocol.HttpProtobuf));
    }

    [Fact]
    public void Target_FollowsTheOtlpEnvironmentVariables_WhenNoEndpointIsGiven()
    {
        OtlpTracing.Target(null, Environment(("OTEL_EXPORTER_OTLP_ENDPOINT", "http://c:4318")))
            .ShouldBe((new Uri("http://c:4318/v1/traces"), OtlpExportProtocol.HttpProtobuf));
        OtlpTracing.Target(null, Environment(("OTEL_EXPORTER_OTLP_ENDPOINT", "http://c:4317"), ("OTEL_EXPORTER_OTLP_PROTOCOL", "grpc")))
            .ShouldBe((new Uri("http://c:4317"), OtlpExportProtocol.Grpc));
        OtlpTracing.Target(null, Environment(("OTEL_EXPORTER_OTLP_ENDPOINT", "http://c:4318"), ("OTEL_EXPORTER_OTLP_TRACES_ENDPOINT", "http://t:9999/custom")))
            .ShouldBe((new Uri("http://t:9999/custom"), OtlpExportProtocol.HttpProtobuf));
        OtlpTracing.Target("http://given:4318", Environment(("OTEL_EXPORTER_OTLP_TRACES_ENDPOINT", "http://t:9999/custom")))
            .ShouldBe((new Uri("http://given:4318/v1/traces"), OtlpExportProtocol.HttpProtobuf));
    }

    [Theory]
    [InlineData("localhost:4318", null, "is not an absolute http(s) URL")]
    [InlineData("/v1/traces", null, "is not an absolute http(s) URL")]
    [InlineData("http://c:4318", "http/json", "OTLP protocol 'http/json' is not supported")]
    public void Target_RefusesWhatItCannotUse_WithAReadableMessage(string endpoint, string? protocol, string message)
    {
        var environment = protocol is null ? Environment() : Environment(("OTEL_EXPORTER_OTLP_PROTOCOL", protocol));
        Should.Throw<BastionException>(() => OtlpTracing.Target(endpoint, environment)).Message.ShouldContain(message);
    }

    [Fact]
    public async Task ToolCallSpans_ReachTheCollector_AsOtlpProtobuf()
    {
        await using var collector = await FakeCollector.StartAsync();
        using (var tracing = OtlpTracing.Start(collector.Address.ToString(), "bastion", Environment()).ShouldNotBeNull())
        {
            await using var bastion = await InProcessBastion.StartAsync();
            await bastion.Client.CallToolAsync("hosts_describe", new Dictionary<string, object?> { ["target"] = "local" });

            tracing.ForceFlush(10_000).ShouldBeTrue();
        }

        var exports = collector.Exports.ToArray();
        exports.ShouldNotBeEmpty();
        exports.ShouldAllBe(e => e.Path == "/v1/traces" && e.ContentType == "application/x-protobuf");
        // Protobuf keeps strings as UTF-8 bytes: the span's name, its attributes and the service name are all there.
        var body = Encoding.UTF8.GetString([.. exports.SelectMany(e => e.Body)]);
        body.ShouldContain("tool hosts_describe");
        body.ShouldContain("mcp.tool.name");
        body.ShouldContain("bastion.outcome");
        body.ShouldContain("service.name");
        body.ShouldContain("bastion");
    }
}
