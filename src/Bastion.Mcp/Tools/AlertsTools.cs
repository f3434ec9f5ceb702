using System.ComponentModel;
using System.ComponentModel.DataAnnotations;
using Bastion.Core.Alerts;
using Bastion.Core.Policy;
using ModelContextProtocol.Server;

namespace Bastion.Mcp.Tools;

/// <summary>Alerts raised by the rules of alerts.yaml over the collector's history, and the rules themselves; changing the
/// rules needs alerts:write (operator mode), and each such call is confirmed.</summary>
[McpServerToolType]
[Toolset("alerts", Scopes.MetricsRead)]
public sealed class AlertsTools(AlertReader reader, AlertRules rules)
{
    [McpServerTool(Name = "alerts_list", Title = "Alerts", ReadOnly = true, Destructive = false, Idempotent = true, OpenWorld = false, UseStructuredContent = true)]
    [Description("Alerts raised by Bastion's alert rules, newest first: rule, host, severity, condition, value, fired and resolved times.")]
    public Task<AlertsAnswer> ListAsync(
        [Description("firing (now), resolved, or all.")][StringLength(16)] string state = "firing",
        [Description("Only alerts active at or after this time: -24h, -7d or ISO 8601.")][StringLength(64)] string? since = null,
        [Description(ToolText.Target)][StringLength(1000)] string target = "all",
        [Description("Alerts returned.")][Range(1, 200)] int limit = 50,
        CancellationToken cancellationToken = default) =>
        reader.ListAsync(state, since, target, limit, cancellationToken);

    [McpServerTool(Name = "alert_rules_list", Title = "Alert rules", ReadOnly = true, Destructive = false, Idempotent = true, OpenWorld = false, UseStructuredContent = true)]
    [Description("The alert rules in force (alerts.yaml in the data directory, else the defaults): target, metric, aggregate over a 'for' window, comparison, threshold, severity; and why a changed file was refused.")]
    public AlertRulesAnswer Rules() => reader.Rules();

    [Toolset("alerts", Scopes.AlertsWrite)]
    [SecretArguments("webhook")]
    [McpServerTool(Name = "alert_rules_set", Title = "Add or change an alert rule", ReadOnly = false, Destructive = true, Idempotent = true, OpenWorld = false, UseStructuredContent = true)]
    [Description("Add an alert rule to alerts.yaml, or replace the rule of the same name (validated; written atomically). The collector applies it from its next tick: an alert fires when the aggregate of the metric over the 'for' window meets the condition, and resolves when no sample of the window meets it. Returns the rules in force.")]
    public async Task<AlertRulesAnswer> SetAsync(
        [Description("Rule name: letters, digits, '.', '_', '-'.")][StringLength(64)] string name,
        [Description("cpu (busy %), memory (used %), load (1-min load per CPU), disk (used %), disk_io (util %), network_rx, network_tx (bytes/s), unreachable (1 when a tick got no answer).")][StringLength(32)] string metric,
        [Description("Threshold in the metric's unit, e.g. 90 for 90 %.")] double threshold,
        [Description("Hosts the rule watches: " + Core.Inventory.TargetSelector.Grammar + ".")][StringLength(1000)] string target = "all",
        [Description("How the window's samples combine: avg, max, min, last, p95.")][StringLength(8)] string aggregate = "avg",
        [Description("Window, e.g. 5m, 10m; 0s judges the latest sample alone.")][StringLength(16)] string @for = "0s",
        [Description(">, >=, < or <=.")][StringLength(2)] string comparison = ">=",
        [Description("info, warning or critical.")][StringLength(16)] string severity = "warning",
        [Description("Only this mount point (disk), device (disk_io) or interface (network_rx/tx); default: the fullest disk, busiest device, all interfaces.")][StringLength(200)] string? instance = null,
        [Description("http(s) URL that gets a Slack-compatible JSON POST on each change; kept in alerts.yaml and never shown whole.")][StringLength(2000)] string? webhook = null,
        CancellationToken cancellationToken = default)
    {
        var replaced = await rules.SetAsync(new AlertRule(name, target, metric, instance, aggregate, @for, comparison, threshold, severity, webhook), cancellationToken);
        return reader.Rules($"rule '{name}' {(replaced ? "replaced" : "added")}");
    }

    [Toolset("alerts", Scopes.AlertsWrite)]
    [McpServerTool(Name = "alert_rules_delete", Title = "Delete an alert rule", ReadOnly = false, Destructive = true, Idempotent = false, OpenWorld = false, UseStructuredContent = true)]
    [Description("Delete an alert rule from alerts.yaml (written atomically); its firing alerts resolve at the collector's next tick. Returns the rules in force.")]
    public async Task<AlertRulesAnswer> DeleteAsync(
        [Description("Name of the rule, as alert_rules_list shows it.")][StringLength(64)] string name,
        CancellationToken cancellationToken = default)
    {
        await rules.DeleteAsync(name, cancellationToken);
        return reader.Rules($"rule '{name}' deleted");
    }
}
