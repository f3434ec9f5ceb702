using System.ComponentModel;
using System.Text.Json.Serialization;
using Bastion.Core.Secrets;

namespace Bastion.Core.Alerts;

/// <summary>
/// One alert rule of <c>alerts.yaml</c>: for each host of <see cref="Target"/>, the samples of <see cref="Metric"/> over the
/// last <see cref="For"/> are combined by <see cref="Aggregate"/> and compared with <see cref="Threshold"/>. Validated by
/// <see cref="AlertRulesFile.Problems"/>.
/// </summary>
public sealed record AlertRule(
    [property: Description("Unique name of the rule (letters, digits, '.', '_', '-').")] string Name,
    [property: Description("Hosts the rule watches: a host, several, a wildcard, @group, a label KEY=VALUE, or all.")] string Target,
    [property: Description("cpu (busy %), memory (used %), load (1-min load per CPU), disk (used %), disk_io (util %), network_rx, network_tx (bytes/s), unreachable (1 when the host did not answer a tick, else 0).")] string Metric,
    [property: Description("Mount point, device or interface the rule is about; null: the fullest disk, the busiest device, all interfaces.")] string? Instance,
    [property: Description("How the window's samples combine: avg, max, min, last, p95.")] string Aggregate,
    [property: Description("Window the condition must hold over before the alert fires, and stay clear over before it resolves, e.g. 10m; 0s: the latest sample alone.")] string For,
    [property: Description("How the aggregate is compared with the threshold: >, >=, <, <=.")] string Comparison,
    [property: Description("The threshold, in the metric's unit.")] double Threshold,
    [property: Description("info, warning or critical.")] string Severity,
    [property: Description("URL that gets a JSON POST (Slack-compatible) on each change; shown with its path hidden.")] string? Webhook)
{
    /// <summary>The window as a duration (zero: the latest sample alone).</summary>
    [JsonIgnore]
    public TimeSpan Window => AlertRulesFile.ParseWindow(For) ?? TimeSpan.Zero;

    /// <summary>This rule with its webhook's path and query hidden (scheme and host kept), for answers and logs.</summary>
    public AlertRule Redacted() => this with { Webhook = Webhook is null ? null : Redactor.HideValue(Webhook) };

    /// <summary>Whether <paramref name="value"/> meets the rule's comparison with its threshold.</summary>
    public bool Meets(double value) => Comparison switch
    {
        ">" => value > Threshold,
        ">=" => value >= Threshold,
        "<" => value < Threshold,
        "<=" => value <= Threshold,
        _ => false,
    };
}
