using System.ComponentModel;
using System.ComponentModel.DataAnnotations;
using Bastion.Core.Alerts;
using Bastion.Core.Policy;
using Bastion.Mcp.Catalog;
using ModelContextProtocol.Server;

namespace Bastion.Mcp.Tools;

/// <summary>Changing the alert rules of alerts.yaml (operator mode, scope alerts:write; each call confirmed).</summary>
[McpServerToolType]
[Toolset("alerts", Scopes.AlertsWrite)]
public sealed class AlertRulesTools(AlertRules rules, AlertReader reader)
{
    [McpServerTool(Name = "alert_rules_set", Title = "Add or change an alert rule", ReadOnly = false, Destructive = true, Idempotent = true, OpenWorld = false, UseStructuredContent = true)]
    [Description("Add an alert rule to alerts.yaml, or replace the rule of the same name (validated; written atomically). The collector applies it from its next tick: an alert fires when the aggregate of the metric over the 'for' window meets the condition, and resolves when no sample of the window meets it. Returns the rules in force.")]
    public async Task<AlertRulesAnswer> SetAsync(
        [Description("Rule name: letters, digits, '.', '_', '-'.")][MaxLength(64)] string name,
        [Description("cpu (busy %), memory (used %), load (1-min load per CPU), disk (used %), disk_io (util %), network_rx, network_tx (bytes/s), unreachable (1 when a tick got no answer).")][MaxLength(32)] string metric,
        [Description("Threshold in the metric's unit, e.g. 90 for 90 %.")] double threshold,
        [Description("Hosts the rule watches: " + Core.Inventory.TargetSelector.Grammar + ".")][MaxLength(1000)] string target = "all",
        [Description("How the window's samples combine: avg, max, min, last, p95.")][MaxLength(8)] string aggregate = "avg",
        [Description("Window, e.g. 5m, 10m; 0s judges the latest sample alone.")][MaxLength(16)] string @for = "0s",
        [Description(">, >=, < or <=.")][MaxLength(2)] string comparison = ">=",
        [Description("info, warning or critical.")][MaxLength(16)] string severity = "warning",
        [Description("Only this mount point (disk), device (disk_io) or interface (network_rx/tx); default: the fullest disk, busiest device, all interfaces.")][MaxLength(200)] string? instance = null,
        [Description("http(s) URL that gets a Slack-compatible JSON POST on each change; kept in alerts.yaml and never shown whole.")][MaxLength(2000)] string? webhook = null,
        CancellationToken cancellationToken = default)
    {
        var replaced = await rules.SetAsync(new AlertRule(name, target, metric, instance, aggregate, @for, comparison, threshold, severity, webhook), cancellationToken);
        return reader.Rules($"rule '{name}' {(replaced ? "replaced" : "added")}");
    }

    [McpServerTool(Name = "alert_rules_delete", Title = "Delete an alert rule", ReadOnly = false, Destructive = true, Idempotent = false, OpenWorld = false, UseStructuredContent = true)]
    [Description("Delete an alert rule from alerts.yaml (written atomically); its firing alerts resolve at the collector's next tick. Returns the rules in force.")]
    public async Task<AlertRulesAnswer> DeleteAsync(
        [Description("Name of the rule, as alert_rules_list shows it.")][MaxLength(64)] string name,
        CancellationToken cancellationToken = default)
    {
        await rules.DeleteAsync(name, cancellationToken);
        return reader.Rules($"rule '{name}' deleted");
    }
}
