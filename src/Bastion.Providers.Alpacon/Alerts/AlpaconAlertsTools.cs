using System.ComponentModel;
using System.ComponentModel.DataAnnotations;
using Bastion.Core.Policy;
using Bastion.Providers.Alpacon.Api;
using Bastion.Tools;
using ModelContextProtocol.Server;

namespace Bastion.Providers.Alpacon.Alerts;

/// <summary>
/// Creating, changing and deleting Alpacon alert rules (<c>/api/metrics/alert-rules/</c>; scope platform:manage,
/// operator mode). Creating only adds and runs without confirmation; updating and deleting are confirmed. Reading rules
/// and fired alerts is alpacon_list (resource alert_rules, alerts).
/// </summary>
[McpServerToolType]
[Toolset("alpacon", Scopes.PlatformManage)]
internal sealed class AlpaconAlertsTools(AlpaconAlertRules rules)
{
    [AdditiveActions("create")]
    [McpServerTool(Name = "alpacon_alert_rule_change", Title = "Change Alpacon alert rules", ReadOnly = false, Destructive = true, Idempotent = false, OpenWorld = true, UseStructuredContent = true)]
    [Description("Create, update or delete an Alpacon alert rule. Returns it.")]
    public Task<AlpaconObject> ChangeAsync(
        [Description("create needs name, metric_type, condition, threshold; update, delete need id.")] AlertRuleAction action,
        [Description("update, delete.")][StringLength(200)] string? id = null,
        [Description(AlpaconText.Workspace)][StringLength(200)] string? workspace = null,
        [Description("create, update.")][StringLength(200)] string? name = null,
        [Description("e.g. cpu, memory.")][StringLength(200)] string? metric_type = null,
        [Description("Against threshold.")] AlertCondition? condition = null,
        [Description("Percent for usage.")] double? threshold = null,
        [Description("Host names it watches.")] string[]? hosts = null,
        [Description("Its purpose.")][StringLength(2000)] string? description = null,
        [Description("Active.")] bool? enabled = null,
        CancellationToken cancellationToken = default)
    {
        var choice = $"action '{action.ToString().ToLowerInvariant()}'";
        var fields = new AlertRuleFields(name, metric_type, condition, threshold, description, enabled);
        switch (action)
        {
            case AlertRuleAction.Create:
                AlpaconArgs.Unused(id, "id", choice, "update and delete");
                AlpaconArgs.Need(name, "name", choice, "the rule's name");
                AlpaconArgs.Need(metric_type, "metric_type", choice, "Alpacon's metric, e.g. cpu, memory, disk");
                AlpaconArgs.Need(condition, "condition", choice, "gt, gte, lt or lte");
                AlpaconArgs.Need(threshold, "threshold", choice, "a number in the metric's unit");
                return rules.CreateAsync(fields with { Enabled = enabled ?? true }, workspace, hosts, cancellationToken);
            case AlertRuleAction.Update:
                return rules.UpdateAsync(AlpaconArgs.Need(id, "id", choice, "the rule's id (alpacon_list resource=alert_rules)"), fields, workspace, hosts, cancellationToken);
            default:
                const string fieldTakers = "create and update";
                AlpaconArgs.Unused(name, "name", choice, fieldTakers);
                AlpaconArgs.Unused(metric_type, "metric_type", choice, fieldTakers);
                AlpaconArgs.Unused(condition, "condition", choice, fieldTakers);
                AlpaconArgs.Unused(threshold, "threshold", choice, fieldTakers);
                AlpaconArgs.Unused(hosts, "hosts", choice, fieldTakers);
                AlpaconArgs.Unused(description, "description", choice, fieldTakers);
                AlpaconArgs.Unused(enabled, "enabled", choice, fieldTakers);
                return rules.DeleteAsync(AlpaconArgs.Need(id, "id", choice, "the rule's id (alpacon_list resource=alert_rules)"), workspace, cancellationToken);
        }
    }
}
