using System.Diagnostics;
using System.Diagnostics.Metrics;
using System.Reflection;
using Bastion.Core.FanOut;

namespace Bastion.Core.Telemetry;

/// <summary>
/// Bastion's own metrics and traces, through <see cref="System.Diagnostics"/>: one <see cref="Meter"/> and one
/// <see cref="ActivitySource"/>, both named <see cref="Name"/>. Instruments carry OpenTelemetry-style names and units;
/// an exporter (the Prometheus endpoint in HTTP mode, or any OpenTelemetry SDK) subscribes by name, and with nobody
/// listening every recording is a no-op.
/// <para>
/// Labels are bounded on purpose: tool names come from the catalogue, outcomes and host statuses from fixed sets,
/// HTTP methods outside the standard ones become <c>_OTHER</c>. Tenants, principals and host names are never labels:
/// they would make the series count grow without bound, and a metrics scrape would show one tenant's activity to
/// whoever can read it. Per-tenant figures belong in the audit log.
/// </para>
/// </summary>
public static class BastionTelemetry
{
    /// <summary>Name of the meter and of the activity source.</summary>
    public const string Name = "Bastion";

    private static readonly string Version =
        typeof(BastionTelemetry).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion.Split('+')[0] ?? "0.0.0";

    /// <summary>Bucket boundaries, in seconds, of Bastion's duration histograms: 1 ms to 60 s.</summary>
    public static IReadOnlyList<double> DurationBuckets { get; } = [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60];

    private static readonly InstrumentAdvice<double> DurationAdvice = new() { HistogramBucketBoundaries = DurationBuckets };

    /// <summary>The meter every instrument below belongs to.</summary>
    public static Meter Meter { get; } = new(Name, Version);

    /// <summary>The source of Bastion's spans, e.g. <c>tool hosts_list</c> around one tool call.</summary>
    public static ActivitySource ActivitySource { get; } = new(Name, Version);

    /// <summary>
    /// <c>bastion.tool.calls</c>: tool calls that reached the pipeline, by <c>tool</c> and <c>outcome</c>. Outcomes:
    /// <c>ok</c>; <c>partial</c> (some target hosts failed); <c>error</c> (the tool answered with an error, or failed);
    /// <c>refused</c> (visibility, arguments, target, command policy, confirmation handle, or an audit log that cannot
    /// be written); <c>declined</c> (the user said no); <c>confirmation_required</c> (a plan and handle were returned);
    /// <c>dry_run</c>.
    /// </summary>
    public static Counter<long> ToolCalls { get; } =
        Meter.CreateCounter<long>("bastion.tool.calls", "{call}", "Tool calls by tool and outcome.");

    /// <summary><c>bastion.tool.duration</c>: seconds from the call entering the pipeline to its outcome, by <c>tool</c>.</summary>
    public static Histogram<double> ToolDuration { get; } =
        Meter.CreateHistogram("bastion.tool.duration", "s", "Time from a tool call entering the pipeline to its outcome, refusals included.", advice: DurationAdvice);

    /// <summary><c>bastion.fanout.host_results</c>: one per host a fan-out ran on, by <c>status</c>: ok, failed, timed_out, unreachable.</summary>
    public static Counter<long> FanOutHostResults { get; } =
        Meter.CreateCounter<long>("bastion.fanout.host_results", "{host}", "Per-host results of fan-outs by status.");

    /// <summary><c>bastion.http.requests</c>: HTTP requests answered, by <c>method</c> and <c>status</c> (the response code).</summary>
    public static Counter<long> HttpRequests { get; } =
        Meter.CreateCounter<long>("bastion.http.requests", "{request}", "HTTP requests by method and response status code.");

    /// <summary><c>bastion.http.request.duration</c>: seconds to answer an HTTP request, by <c>method</c>.</summary>
    public static Histogram<double> HttpRequestDuration { get; } =
        Meter.CreateHistogram("bastion.http.request.duration", "s", "Time to answer an HTTP request.", advice: DurationAdvice);

    /// <summary><c>bastion.http.sessions.active</c>: MCP sessions currently open over HTTP.</summary>
    public static UpDownCounter<long> ActiveSessions { get; } =
        Meter.CreateUpDownCounter<long>("bastion.http.sessions.active", "{session}", "MCP sessions open over HTTP.");

    /// <summary><c>bastion.ratelimit.rejections</c>: requests refused by a rate limit, by <c>scope</c>: principal or tenant.</summary>
    public static Counter<long> RateLimitRejections { get; } =
        Meter.CreateCounter<long>("bastion.ratelimit.rejections", "{request}", "Requests refused by a rate limit, by the budget that ran out.");

    /// <summary>
    /// Starts the span of one tool call, named <c>tool {name}</c> and tagged <c>mcp.tool.name</c>; null when no tracer
    /// listens. The pipeline adds <c>bastion.outcome</c> and <c>bastion.targets</c> (the number of target hosts).
    /// </summary>
    public static Activity? StartToolCall(string tool) =>
        ActivitySource.HasListeners() ? ActivitySource.StartActivity("tool " + tool)?.SetTag("mcp.tool.name", tool) : null;

    /// <summary>Counts one tool call with its outcome (see <see cref="ToolCalls"/>) and records its duration.</summary>
    /// <param name="tool">The tool's name from the catalogue.</param>
    /// <param name="outcome">One of the outcomes listed on <see cref="ToolCalls"/>.</param>
    /// <param name="seconds">Wall-clock seconds the call took.</param>
    public static void RecordToolCall(string tool, string outcome, double seconds)
    {
        ToolCalls.Add(1, new KeyValuePair<string, object?>("tool", tool), new KeyValuePair<string, object?>("outcome", outcome));
        ToolDuration.Record(seconds, new KeyValuePair<string, object?>("tool", tool));
    }

    /// <summary>Counts one host's result of a fan-out.</summary>
    public static void RecordHostResult(HostStatus status) =>
        FanOutHostResults.Add(1, new KeyValuePair<string, object?>("status", StatusLabel(status)));

    /// <summary>Counts one answered HTTP request and records how long it took.</summary>
    /// <param name="method">The request method; anything but the standard (upper-case) methods is recorded as <c>_OTHER</c>.</param>
    /// <param name="statusCode">The response status code, e.g. 200.</param>
    /// <param name="seconds">Seconds from the request's arrival to the end of its response.</param>
    public static void RecordHttpRequest(string method, int statusCode, double seconds)
    {
        var label = MethodLabel(method);
        HttpRequests.Add(1, new KeyValuePair<string, object?>("method", label), new KeyValuePair<string, object?>("status", statusCode));
        HttpRequestDuration.Record(seconds, new KeyValuePair<string, object?>("method", label));
    }

    /// <summary>Counts an MCP session opened over HTTP; pair every call with <see cref="SessionClosed"/>.</summary>
    public static void SessionOpened() => ActiveSessions.Add(1);

    /// <summary>Counts an MCP session over HTTP closed, deleted or pruned.</summary>
    public static void SessionClosed() => ActiveSessions.Add(-1);

    /// <summary>Counts one request refused by a rate limit.</summary>
    /// <param name="scope"><c>principal</c> or <c>tenant</c>: whose budget ran out.</param>
    public static void RecordRateLimitRejection(string scope) =>
        RateLimitRejections.Add(1, new KeyValuePair<string, object?>("scope", scope));

    private static string StatusLabel(HostStatus status) => status switch
    {
        HostStatus.Ok => "ok",
        HostStatus.Failed => "failed",
        HostStatus.TimedOut => "timed_out",
        HostStatus.Unreachable => "unreachable",
        _ => "unknown",
    };

    // Methods are case-sensitive (RFC 9110): "get" is not GET.
    private static string MethodLabel(string method) =>
        method is "GET" or "POST" or "DELETE" or "PUT" or "PATCH" or "HEAD" or "OPTIONS" or "CONNECT" or "TRACE" ? method : "_OTHER";
}
