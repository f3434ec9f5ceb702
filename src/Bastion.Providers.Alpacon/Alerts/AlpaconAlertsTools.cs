using System.ComponentModel;
using System.ComponentModel.DataAnnotations;
using Bastion.Core;
using Bastion.Core.Policy;
using Bastion.Providers.Alpacon.Api;
using Bastion.Providers.Alpacon.Hosts;
using Bastion.Tools;
using ModelContextProtocol.Server;

namespace Bastion.Providers.Alpacon.Alerts;

/// <summary>Alpacon's alert rules and fired alerts (sources <c>/api/metrics/alert-rules/</c>, <c>GET /api/alerts/</c>): reading needs platform:read; creating, changing and deleting rules platform:manage (operator mode).</summary>
[McpServerToolType]
[Toolset("alpacon", Scopes.PlatformRead)]
internal sealed class AlpaconAlertsTools(AlpaconTargets targets)
{
    [McpServerTool(Name = "alpacon_alert_rules_list", Title = "Alpacon alert rules", ReadOnly = true, Destructive = false, Idempotent = true, OpenWorld = true, UseStructuredContent = true)]
    [Description("List the alert rules of an Alpacon workspace, or those that apply to one server: metric, condition, threshold, enabled, notification settings (Alpacon's objects as it sends them). Use it to learn what Alpacon watches before changing a rule.")]
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
    [Description("List the alerts Alpacon fired in a workspace or on one server, filtered by status or acknowledgement (Alpacon's objects as it sends them). Use it to see what is alerting now.")]
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

    private const string Path = "api/metrics/alert-rules/";

    [Toolset("alpacon", Scopes.PlatformManage)]
    [McpServerTool(Name = "alpacon_alert_rule_create", Title = "Create an Alpacon alert rule", ReadOnly = false, Destructive = false, Idempotent = false, OpenWorld = true, UseStructuredContent = true)]
    [Description("Create an alert rule in an Alpacon workspace: alert when a metric (e.g. cpu, memory, disk) compares with a threshold (percent for usage metrics), optionally only on some servers. Adds only. Returns the rule as Alpacon stored it.")]
    public async Task<AlpaconObject> CreateAsync(
        [Description("The rule's name.")][StringLength(200, MinimumLength = 1)] string name,
        [Description("The metric watched, as Alpacon names it, e.g. cpu, memory, disk.")][StringLength(50, MinimumLength = 1)] string metric_type,
        [Description("gt, gte, lt or lte.")] AlertCondition condition,
        [Description("The threshold, in the metric's unit (percent 0-100 for usage).")] double threshold,
        [Description(AlpaconText.Workspace)][StringLength(63)] string? workspace = null,
        [Description("Bastion host names of the Alpacon servers it applies to; omit for Alpacon's default.")] string[]? hosts = null,
        [Description("What the rule is for.")][StringLength(2000)] string? description = null,
        [Description("Whether it is active.")] bool enabled = true,
        CancellationToken cancellationToken = default)
    {
        var (client, servers) = Scope(workspace, hosts);
        var body = new Dictionary<string, object>
        {
            ["name"] = name,
            ["metric_type"] = metric_type,
            ["condition"] = condition.ToString().ToLowerInvariant(),
            ["threshold"] = threshold,
            ["enabled"] = enabled,
        };
        if (servers is not null)
        {
            body["servers"] = servers;
        }

        if (description is not null)
        {
            body["description"] = description;
        }

        var rule = await client.PostAsync(Path, body, cancellationToken);
        return new AlpaconObject(client.Workspace.Name, "/" + Path, rule, $"Alert rule '{name}' created (id {rule.Str("id")}).");
    }

    [Toolset("alpacon", Scopes.PlatformManage)]
    [McpServerTool(Name = "alpacon_alert_rule_update", Title = "Change an Alpacon alert rule", ReadOnly = false, Destructive = true, Idempotent = true, OpenWorld = true, UseStructuredContent = true)]
    [Description("Change an Alpacon alert rule: only the fields given change (name, metric, condition, threshold, servers, description, enabled). The old values are overwritten. Returns the rule as it now is.")]
    public async Task<AlpaconObject> UpdateAsync(
        [Description("The rule's id (from alpacon_alert_rules_list).")][StringLength(100, MinimumLength = 1)] string id,
        [Description(AlpaconText.Workspace)][StringLength(63)] string? workspace = null,
        [Description("New name.")][StringLength(200)] string? name = null,
        [Description("New metric, e.g. cpu.")][StringLength(50)] string? metric_type = null,
        [Description("New condition: gt, gte, lt or lte.")] AlertCondition? condition = null,
        [Description("New threshold.")] double? threshold = null,
        [Description("New set of servers (Bastion host names).")] string[]? hosts = null,
        [Description("New description.")][StringLength(2000)] string? description = null,
        [Description("Turn the rule on or off.")] bool? enabled = null,
        CancellationToken cancellationToken = default)
    {
        var (client, servers) = Scope(workspace, hosts);
        var body = new Dictionary<string, object>();
        void Set(string key, object? value)
        {
            if (value is not null)
            {
                body[key] = value;
            }
        }

        Set("name", name);
        Set("metric_type", metric_type);
        Set("condition", condition?.ToString().ToLowerInvariant());
        Set("threshold", threshold);
        Set("servers", servers);
        Set("description", description);
        Set("enabled", enabled);
        if (body.Count == 0)
        {
            throw new BastionException("Nothing to change: give at least one of name, metric_type, condition, threshold, hosts, description, enabled.");
        }

        var rule = await client.PatchAsync($"{Path}{Uri.EscapeDataString(id)}/", body, cancellationToken);
        return new AlpaconObject(client.Workspace.Name, "/" + Path, rule, $"Alert rule {id} changed: {string.Join(", ", body.Keys)}.");
    }

    [Toolset("alpacon", Scopes.PlatformManage)]
    [McpServerTool(Name = "alpacon_alert_rule_delete", Title = "Delete an Alpacon alert rule", ReadOnly = false, Destructive = true, Idempotent = true, OpenWorld = true, UseStructuredContent = true)]
    [Description("Delete an Alpacon alert rule for good: Alpacon stops alerting on it. Cannot be undone; to pause a rule use alpacon_alert_rule_update with enabled=false.")]
    public async Task<AlpaconObject> DeleteAsync(
        [Description("The rule's id (from alpacon_alert_rules_list).")][StringLength(100, MinimumLength = 1)] string id,
        [Description(AlpaconText.Workspace)][StringLength(63)] string? workspace = null,
        CancellationToken cancellationToken = default)
    {
        var client = targets.Workspace(workspace);
        await client.DeleteAsync($"{Path}{Uri.EscapeDataString(id)}/", cancellationToken);
        return new AlpaconObject(client.Workspace.Name, "/" + Path, null, $"Alert rule {id} deleted.");
    }

    private (AlpaconClient Client, List<string>? Servers) Scope(string? workspace, string[]? hosts)
    {
        if (hosts is null || hosts.Length == 0)
        {
            return (targets.Workspace(workspace), null);
        }

        var resolved = hosts.Select(targets.Resolve).ToList();
        var names = resolved.Select(t => t.Workspace).Distinct(StringComparer.Ordinal).ToList();
        if (names.Count > 1 || (workspace is not null && names[0] != workspace))
        {
            throw new BastionException($"An alert rule lives in one workspace; the hosts given are in {string.Join(", ", names)}.");
        }

        return (resolved[0].Client, resolved.Select(t => t.ServerId).ToList());
    }
}
