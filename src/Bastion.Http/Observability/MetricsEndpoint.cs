using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace Bastion.Http.Observability;

/// <summary>Maps the Prometheus scrape endpoint.</summary>
public static class MetricsEndpoint
{
    /// <summary>
    /// Answers <c>GET {pattern}</c> with <paramref name="exporter"/>'s text, <c>Content-Type</c>
    /// <see cref="PrometheusExporter.ContentType"/>. The returned builder takes the endpoint's conventions (e.g. which
    /// callers may scrape: metrics hold no tenant data, but do show how busy the server is).
    /// </summary>
    public static IEndpointConventionBuilder MapPrometheusMetrics(this IEndpointRouteBuilder endpoints, PrometheusExporter exporter, string pattern = "/metrics")
    {
        ArgumentNullException.ThrowIfNull(endpoints);
        ArgumentNullException.ThrowIfNull(exporter);
        return endpoints.MapGet(pattern, context =>
        {
            context.Response.ContentType = PrometheusExporter.ContentType;
            context.Response.Headers.CacheControl = "no-store";
            return exporter.WriteAsync(context.Response.Body, context.RequestAborted);
        });
    }
}
