using System.ComponentModel;
using System.ComponentModel.DataAnnotations;
using Bastion.Core.Alerts;
using Bastion.Core.Policy;
using Bastion.Mcp.Catalog;
using ModelContextProtocol.Server;

namespace Bastion.Mcp.Tools;

/// <summary>Alerts raised by the rules of alerts.yaml over the collector's history, and the rules themselves.</summary>
[McpServerToolType]
[Toolset("alerts", Scopes.MetricsRead)]
public sealed class AlertsTools(AlertReader reader)
{
    [McpServerTool(Name = "alerts_list", Title = "Alerts", ReadOnly = true, Destructive = false, Idempotent = true, OpenWorld = false, UseStructuredContent = true)]
    [Description("Alerts raised by Bastion's alert rules (alert_rules_list) from the collector's history: rule, host, severity, what was measured against which condition, value, and when it fired and resolved. Newest first. Use for 'is anything alerting', 'what fired overnight on @web'.")]
    public Task<AlertsAnswer> ListAsync(
        [Description("firing (now), resolved, or all.")][MaxLength(16)] string state = "firing",
        [Description("Only alerts active at or after this time: -24h, -7d, or ISO 8601. Default: no limit.")][MaxLength(64)] string? since = null,
        [Description(ToolText.Target + " Here the default is all.")][MaxLength(1000)] string target = "all",
        [Description("Alerts returned (1-200).")][Range(1, 200)] int limit = 50,
        CancellationToken cancellationToken = default) =>
        reader.ListAsync(state, since, target, limit, cancellationToken);

    [McpServerTool(Name = "alert_rules_list", Title = "Alert rules", ReadOnly = true, Destructive = false, Idempotent = true, OpenWorld = false, UseStructuredContent = true)]
    [Description("The alert rules in force (alerts.yaml in the data directory, or the defaults when it is absent): target, metric, aggregate over a 'for' window, comparison, threshold, severity. Says why a changed file was refused (the last good rules then stay in force).")]
    public AlertRulesAnswer Rules() => reader.Rules();
}
