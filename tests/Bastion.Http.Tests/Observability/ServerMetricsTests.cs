using System.Globalization;
using System.Net;
using System.Text.RegularExpressions;
using Bastion.Core.Policy;
using Bastion.Http.RateLimiting;

namespace Bastion.Http.Tests.Observability;

/// <summary>The served <c>/metrics</c> of a real HTTP server counts its requests, sessions, tool calls, rate-limit rejections and audit commits.</summary>
[Collection(GlobalTelemetryCollection.Name)]
public sealed class ServerMetricsTests
{
    [Fact]
    public async Task Metrics_ShowCallsSessionsAndRejections()
    {
        await using var server = await HttpTestServer.StartAsync(
            o => o with { RateLimit = new RateLimitOptions { PerPrincipal = new RateSpec(4, TimeSpan.FromMinutes(1)), PerTenant = null } },
            [new TokenTable(new Dictionary<string, Principal> { ["t"] = TokenTable.Member("dana", "acme") })]);
        var session = await server.OpenSessionAsync("t");
        await server.CallAsync(session, "access_status", token: "t");
        await server.CallAsync(session, "hosts_list", token: "t");
        using var refused = await server.PostAsync(HttpTestServer.Call("hosts_list"), session, "t");
        refused.StatusCode.ShouldBe(HttpStatusCode.TooManyRequests);

        var metrics = await server.Http.GetStringAsync(new Uri("/metrics", UriKind.Relative));

        metrics.ShouldContain("bastion_tool_calls_total{outcome=\"ok\",tool=\"access_status\"} 1");
        metrics.ShouldContain("bastion_tool_calls_total{outcome=\"ok\",tool=\"hosts_list\"} 1");
        metrics.ShouldContain("bastion_tool_duration_seconds_count{tool=\"hosts_list\"} 1");
        metrics.ShouldContain("bastion_http_sessions_active 1");
        metrics.ShouldContain("bastion_ratelimit_rejections_total{scope=\"principal\"} 1");
        metrics.ShouldContain("bastion_http_requests_total{method=\"POST\",status=\"429\"} 1");
        metrics.ShouldContain("bastion_http_requests_total{method=\"POST\",status=\"202\"} 1");
        // Each answered call waited for an audit commit (two calls at least; other servers of this process commit too).
        var commits = Regex.Match(metrics, @"^bastion_audit_commit_duration_seconds_count (\d+)$", RegexOptions.Multiline);
        commits.Success.ShouldBeTrue();
        long.Parse(commits.Groups[1].Value, CultureInfo.InvariantCulture).ShouldBeGreaterThanOrEqualTo(2);
        metrics.ShouldContain("bastion_audit_commit_duration_seconds_bucket{le=\"0.0001\"}");
        metrics.ShouldNotContain("acme");
        metrics.ShouldNotContain("dana");
    }
}
