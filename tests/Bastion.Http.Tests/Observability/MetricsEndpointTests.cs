using System.Diagnostics.Metrics;
using Bastion.Http.Observability;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.Logging;

namespace Bastion.Http.Tests.Observability;

public sealed class MetricsEndpointTests
{
    [Fact]
    public async Task GetMetrics_AnswersTheExposition_WithTheTextFormatContentType()
    {
        using var meter = new Meter($"Bastion.Tests.{Guid.NewGuid():N}");
        var requests = meter.CreateCounter<long>("test.requests");
        using var exporter = new PrometheusExporter(meter.Name);
        requests.Add(3);
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        await using var app = builder.Build();
        app.MapPrometheusMetrics(exporter);
        await app.StartAsync();
        using var client = new HttpClient { BaseAddress = new Uri(app.Urls.Single()) };

        using var response = await client.GetAsync(new Uri("/metrics", UriKind.Relative));

        response.IsSuccessStatusCode.ShouldBeTrue();
        response.Content.Headers.ContentType!.ToString().ShouldBe("text/plain; version=0.0.4; charset=utf-8");
        (await response.Content.ReadAsStringAsync()).ShouldBe("# HELP test_requests_total test.requests\n# TYPE test_requests_total counter\ntest_requests_total 3\n");
        await app.StopAsync();
    }
}
