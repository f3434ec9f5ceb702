using Bastion.Core;
using Bastion.Core.Telemetry;
using Bastion.Mcp;
using OpenTelemetry;
using OpenTelemetry.Exporter;
using OpenTelemetry.Resources;
using OpenTelemetry.Trace;

namespace Bastion.Http.Observability;

/// <summary>
/// Sends Bastion's spans (source <c>Bastion</c>: one <c>tool {name}</c> span per tool call) and Kestrel's request spans
/// (source <c>Microsoft.AspNetCore</c>) to an OpenTelemetry collector over OTLP, when an endpoint is configured.
/// </summary>
public static class OtlpTracing
{
    /// <summary>The collector's base address when no endpoint is given, e.g. <c>http://127.0.0.1:4318</c>.</summary>
    public const string EndpointVariable = "OTEL_EXPORTER_OTLP_ENDPOINT";

    /// <summary>The full traces address (used as is), which wins over <see cref="EndpointVariable"/>.</summary>
    public const string TracesEndpointVariable = "OTEL_EXPORTER_OTLP_TRACES_ENDPOINT";

    /// <summary><c>http/protobuf</c> (the default) or <c>grpc</c>.</summary>
    public const string ProtocolVariable = "OTEL_EXPORTER_OTLP_PROTOCOL";

    /// <summary>The traces-only protocol, which wins over <see cref="ProtocolVariable"/>.</summary>
    public const string TracesProtocolVariable = "OTEL_EXPORTER_OTLP_TRACES_PROTOCOL";

    private const string TracesPath = "/v1/traces";

    /// <summary>
    /// Starts exporting spans when <paramref name="endpoint"/> is given or the OTLP environment variables name a
    /// collector; returns null otherwise (nothing listens, and spans cost nothing). Over <c>http/protobuf</c> spans are
    /// POSTed to <c>{endpoint}/v1/traces</c>; over <c>grpc</c> to the endpoint itself. The resource carries
    /// <c>service.name</c> (<paramref name="serviceName"/>), <c>service.version</c> and <c>service.instance.id</c>;
    /// <c>OTEL_EXPORTER_OTLP_HEADERS</c>, <c>OTEL_EXPORTER_OTLP_TIMEOUT</c> and <c>OTEL_RESOURCE_ATTRIBUTES</c> are honoured.
    /// Spans are batched: dispose the provider at shutdown to send the last ones.
    /// </summary>
    /// <param name="endpoint">The collector's base address (<c>--otlp-endpoint</c>), e.g. <c>http://127.0.0.1:4318</c>; null to use the environment.</param>
    /// <param name="serviceName">The <c>service.name</c> resource attribute.</param>
    /// <exception cref="BastionException">The endpoint is not an absolute http(s) URL, or the protocol is neither <c>http/protobuf</c> nor <c>grpc</c>.</exception>
    public static TracerProvider? StartOtlpTracing(string? endpoint, string serviceName = "bastion") =>
        Start(endpoint, serviceName, Environment.GetEnvironmentVariable);

    internal static TracerProvider? Start(string? endpoint, string serviceName, Func<string, string?> environment)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(serviceName);
        if (Target(endpoint, environment) is not { } target)
        {
            return null;
        }

        return Sdk.CreateTracerProviderBuilder()
            .SetResourceBuilder(ResourceBuilder.CreateDefault().AddService(serviceName, serviceVersion: BastionServer.Version))
            .AddSource(BastionTelemetry.Name, "Microsoft.AspNetCore")
            .AddOtlpExporter(otlp =>
            {
                otlp.Endpoint = target.Endpoint;
                otlp.Protocol = target.Protocol;
            })
            .Build();
    }

    /// <summary>Where spans go and how, from the argument and the environment; null when neither names a collector.</summary>
    internal static (Uri Endpoint, OtlpExportProtocol Protocol)? Target(string? endpoint, Func<string, string?> environment)
    {
        ArgumentNullException.ThrowIfNull(environment);
        var protocol = Value(environment, TracesProtocolVariable) ?? Value(environment, ProtocolVariable) ?? "http/protobuf";
        var kind = protocol switch
        {
            "http/protobuf" => OtlpExportProtocol.HttpProtobuf,
            "grpc" => OtlpExportProtocol.Grpc,
            _ => throw new BastionException($"OTLP protocol '{protocol}' is not supported. Accepted: http/protobuf (the default) or grpc."),
        };

        if (endpoint is null && Value(environment, TracesEndpointVariable) is { } traces)
        {
            return (Absolute(traces, TracesEndpointVariable), kind);
        }

        if ((string.IsNullOrWhiteSpace(endpoint) ? Value(environment, EndpointVariable) : endpoint) is not { } given)
        {
            return null;
        }

        var uri = Absolute(given, endpoint is null ? EndpointVariable : "The OTLP endpoint");
        if (kind == OtlpExportProtocol.HttpProtobuf && !uri.AbsolutePath.EndsWith(TracesPath, StringComparison.Ordinal))
        {
            uri = new UriBuilder(uri) { Path = uri.AbsolutePath.TrimEnd('/') + TracesPath }.Uri;
        }

        return (uri, kind);
    }

    private static string? Value(Func<string, string?> environment, string name) =>
        environment(name) is { } value && !string.IsNullOrWhiteSpace(value) ? value.Trim() : null;

    private static Uri Absolute(string value, string what) =>
        Uri.TryCreate(value, UriKind.Absolute, out var uri) && uri.Scheme is "http" or "https"
            ? uri
            : throw new BastionException($"{what} '{value}' is not an absolute http(s) URL; for example http://127.0.0.1:4318.");
}
