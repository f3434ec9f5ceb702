using System.ComponentModel;
using System.ComponentModel.DataAnnotations;
using Bastion.Core.Policy;
using Bastion.Tools;
using Bastion.Providers.Alpacon.Hosts;
using Bastion.Providers.Alpacon.Answers;
using ModelContextProtocol.Server;

namespace Bastion.Providers.Alpacon.Alerts;

/// <summary>Alpacon's alert rules and fired alerts (sources <c>GET /api/metrics/alert-rules/</c>, <c>GET /api/alerts/</c>).</summary>
[McpServerToolType]
[Toolset("alpacon", Scopes.PlatformRead)]
internal sealed class AlpaconAlertsTools(AlpaconTargets targets)
{
    [McpServerTool(Name = "alpacon_alert_rules_list", Title = "Alpacon alert rules", ReadOnly = true, Destructive = false, Idempotent = true, OpenWorld = true, UseStructuredContent = true)]
    [Description("List the alert rules of an Alpacon workspace, or those that apply to one server: metric, condition, threshold, enabled, notification settings (Alpacon's objects as it sends them). Use it to learn what Alpacon watches before changing a rule.")]
    public async Task<AlpaconItems> RulesAsync(
        [Description(AlpaconText.OptionalHost)][MaxLength(200)] string? host = null,
        [Description(AlpaconText.Workspace)][MaxLength(63)] string? workspace = null,
        [Description(AlpaconText.Limit)][Range(1, 1000)] int limit = 100,
        CancellationToken cancellationToken = default)
    {
        var target = host is null ? null : targets.Resolve(host);
        var client = target?.Client ?? targets.Workspace(workspace);
        const string path = "api/metrics/alert-rules/";
        var list = await client.ListAsync(path, [new("server", target?.ServerId)], limit, cancellationToken);
        return new AlpaconItems(client.Workspace.Name, target?.Host.Name, "/" + path, list.Total, list.Truncated, list.Items, ListNotes.Of(list, "alert rules"));
    }

    [McpServerTool(Name = "alpacon_alerts_list", Title = "Alpacon alerts", ReadOnly = true, Destructive = false, Idempotent = true, OpenWorld = true, UseStructuredContent = true)]
    [Description("List the alerts Alpacon fired in a workspace or on one server, filtered by status or acknowledgement (Alpacon's objects as it sends them). Use it to see what is alerting now.")]
    public async Task<AlpaconItems> AlertsAsync(
        [Description(AlpaconText.OptionalHost)][MaxLength(200)] string? host = null,
        [Description(AlpaconText.Workspace)][MaxLength(63)] string? workspace = null,
        [Description("Only alerts with this status, as Alpacon names it.")][MaxLength(50)] string? status = null,
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
        return new AlpaconItems(client.Workspace.Name, target?.Host.Name, "/" + path, list.Total, list.Truncated, list.Items, ListNotes.Of(list, "alerts"));
    }
}
