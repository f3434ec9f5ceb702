using System.ComponentModel;
using System.ComponentModel.DataAnnotations;
using Bastion.Core.Policy;
using Bastion.Providers.Alpacon.Api;
using Bastion.Providers.Alpacon.Hosts;
using Bastion.Tools;
using ModelContextProtocol.Server;

namespace Bastion.Providers.Alpacon.Alerts;

/// <summary>Alpacon's alert rules and fired alerts (sources <c>/api/metrics/alert-rules/</c>, <c>GET /api/alerts/</c>): reading needs platform:read; creating, changing and deleting rules platform:manage (operator mode).</summary>
[McpServerToolType]
[Toolset("alpacon", Scopes.PlatformRead)]
internal sealed class AlpaconAlertsTools(AlpaconTargets targets, AlpaconAlertRules rules)
{
    [McpServerTool(Name = "alpacon_alert_rules_list", Title = "Alpacon alert rules", ReadOnly = true, Destructive = false, Idempotent = true, OpenWorld = true, UseStructuredContent = true)]
    [Description("Alert rules of an Alpacon workspace or one server: metric, condition, threshold, enabled, notifications (Alpacon's objects).")]
    public async Task<AlpaconItems> RulesAsync(
        [Description(AlpaconText.OptionalHost)][StringLength(200)] string? host = null,
        [Description(AlpaconText.Workspace)][StringLength(63)] string? workspace = null,
        [Description(AlpaconText.Limit)][Range(1, 1000)] int limit = 100,
        CancellationToken cancellationToken = default)
    {
        var target = host is null ? null : targets.Resolve(host);
        var client = target?.Client ?? targets.Workspace(workspace);
        const string path = "api/metrics/alert-rules/";
        var list = await client.ListAsync(path, [new("server", target?.ServerId)], limit, cancellationToken);
        return new AlpaconItems(client.Workspace.Name, target?.Host.Name, "/" + path, list.Total, list.Truncated, list.Items, list.CutNotes("alert rules"));
    }

    [McpServerTool(Name = "alpacon_alerts_list", Title = "Alpacon alerts", ReadOnly = true, Destructive = false, Idempotent = true, OpenWorld = true, UseStructuredContent = true)]
    [Description("Alerts Alpacon fired in a workspace or on one server, by status or acknowledgement (Alpacon's objects).")]
    public async Task<AlpaconItems> AlertsAsync(
        [Description(AlpaconText.OptionalHost)][StringLength(200)] string? host = null,
        [Description(AlpaconText.Workspace)][StringLength(63)] string? workspace = null,
        [Description("Only alerts with this status, as Alpacon names it.")][StringLength(50)] string? status = null,
        [Description("true: only acknowledged; false: only unacknowledged (active); omit for both.")] bool? acknowledged = null,
        [Description(AlpaconText.Limit)][Range(1, 1000)] int limit = 50,
        CancellationToken cancellationToken = default)
    {
        var target = host is null ? null : targets.Resolve(host);
        var client = target?.Client ?? targets.Workspace(workspace);
        const string path = "api/alerts/";
        var list = await client.ListAsync(
            path,
            [new("server", target?.ServerId), new("status", status), new("acknowledged", acknowledged is null ? null : acknowledged.Value ? "true" : "false")],
            limit,
            cancellationToken);
        return new AlpaconItems(client.Workspace.Name, target?.Host.Name, "/" + path, list.Total, list.Truncated, list.Items, list.CutNotes("alerts"));
    }

    [Toolset("alpacon", Scopes.PlatformManage)]
    [McpServerTool(Name = "alpacon_alert_rule_create", Title = "Create an Alpacon alert rule", ReadOnly = false, Destructive = false, Idempotent = false, OpenWorld = true, UseStructuredContent = true)]
    [Description("Create an Alpacon alert rule: alert when a metric (cpu, memory, disk…) compares with a threshold, optionally on some servers. Returns the stored rule.")]
    public Task<AlpaconObject> CreateAsync(
        [Description("The rule's name.")][StringLength(200, MinimumLength = 1)] string name,
        [Description("The metric watched, as Alpacon names it, e.g. cpu, memory, disk.")][StringLength(50, MinimumLength = 1)] string metric_type,
        [Description("gt, gte, lt or lte.")] AlertCondition condition,
        [Description("The threshold, in the metric's unit (percent 0-100 for usage).")] double threshold,
        [Description(AlpaconText.Workspace)][StringLength(63)] string? workspace = null,
        [Description("Bastion host names of the Alpacon servers it applies to; omit for Alpacon's default.")] string[]? hosts = null,
        [Description("What the rule is for.")][StringLength(2000)] string? description = null,
        [Description("Whether it is active.")] bool enabled = true,
        CancellationToken cancellationToken = default) =>
        rules.CreateAsync(new AlertRuleFields(name, metric_type, condition, threshold, description, enabled), workspace, hosts, cancellationToken);

    [Toolset("alpacon", Scopes.PlatformManage)]
    [McpServerTool(Name = "alpacon_alert_rule_update", Title = "Change an Alpacon alert rule", ReadOnly = false, Destructive = true, Idempotent = true, OpenWorld = true, UseStructuredContent = true)]
    [Description("Change the given fields of an Alpacon alert rule. Returns the rule.")]
    public Task<AlpaconObject> UpdateAsync(
        [Description("Rule id.")][StringLength(100, MinimumLength = 1)] string id,
        [Description(AlpaconText.Workspace)][StringLength(63)] string? workspace = null,
        [Description("New name.")][StringLength(200)] string? name = null,
        [Description("New metric, e.g. cpu.")][StringLength(50)] string? metric_type = null,
        [Description("New condition: gt, gte, lt or lte.")] AlertCondition? condition = null,
        [Description("New threshold.")] double? threshold = null,
        [Description("New set of servers (Bastion host names).")] string[]? hosts = null,
        [Description("New description.")][StringLength(2000)] string? description = null,
        [Description("Turn the rule on or off.")] bool? enabled = null,
        CancellationToken cancellationToken = default) =>
        rules.UpdateAsync(id, new AlertRuleFields(name, metric_type, condition, threshold, description, enabled), workspace, hosts, cancellationToken);

    [Toolset("alpacon", Scopes.PlatformManage)]
    [McpServerTool(Name = "alpacon_alert_rule_delete", Title = "Delete an Alpacon alert rule", ReadOnly = false, Destructive = true, Idempotent = true, OpenWorld = true, UseStructuredContent = true)]
    [Description("Delete an Alpacon alert rule for good; to pause it, update enabled=false.")]
    public Task<AlpaconObject> DeleteAsync(
        [Description("Rule id.")][StringLength(100, MinimumLength = 1)] string id,
        [Description(AlpaconText.Workspace)][StringLength(63)] string? workspace = null,
        CancellationToken cancellationToken = default) =>
        rules.DeleteAsync(id, workspace, cancellationToken);
}
