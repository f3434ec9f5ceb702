using System.ComponentModel;
using System.ComponentModel.DataAnnotations;
using Bastion.Core.Policy;
using Bastion.Providers.Alpacon.Api;
using Bastion.Tools;
using ModelContextProtocol.Server;

namespace Bastion.Providers.Alpacon.Alerts;

/// <summary>
/// Creating, changing and deleting Alpacon alert rules (<c>/api/metrics/alert-rules/</c>; scope platform:manage,
/// operator mode). Creating only adds and runs without confirmation; updating and deleting are confirmed. Arguments the
/// action does not take, or lacks, refuse the call before anyone is asked. Reading rules
/// and fired alerts is alpacon_list (resource alert_rules, alerts).
/// </summary>
[McpServerToolType]
[Toolset("alpacon", Scopes.PlatformManage)]
internal sealed class AlpaconAlertsTools(AlpaconAlertRules rules)
{
    private static readonly AlertRuleAction[] Writing = [AlertRuleAction.Create, AlertRuleAction.Update];
    private const string RuleId = "the rule's id (alpacon_list resource=alert_rules)";

    /// <summary>Which actions take and need each optional parameter; checked before anyone is asked (<see cref="AlertRuleChangeCheckAttribute"/>) and again here.</summary>
    internal static readonly ParameterUse<AlertRuleAction> Use = new ParameterUse<AlertRuleAction>(
        "action",
        ("id", [AlertRuleAction.Update, AlertRuleAction.Delete]),
        ("name", Writing),
        ("metric_type", Writing),
        ("condition", Writing),
        ("threshold", Writing),
        ("hosts", Writing),
        ("description", Writing),
        ("enabled", Writing))
        .Needs("id", [AlertRuleAction.Update, AlertRuleAction.Delete], RuleId)
        .Needs("name", [AlertRuleAction.Create], "the rule's name")
        .Needs("metric_type", [AlertRuleAction.Create], "Alpacon's metric, e.g. cpu, memory, disk")
        .Needs("condition", [AlertRuleAction.Create], "gt, gte, lt or lte")
        .Needs("threshold", [AlertRuleAction.Create], "a number in the metric's unit");

    [AlertRuleChangeCheck]
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
        Use.Check(action, ("id", id), ("name", name), ("metric_type", metric_type), ("condition", condition), ("threshold", threshold), ("hosts", hosts), ("description", description), ("enabled", enabled));
        var fields = new AlertRuleFields(name, metric_type, condition, threshold, description, enabled);
        return action switch
        {
            AlertRuleAction.Create => rules.CreateAsync(fields with { Enabled = enabled ?? true }, workspace, hosts, cancellationToken),
            AlertRuleAction.Update => rules.UpdateAsync(Use.Need(action, "id", id), fields, workspace, hosts, cancellationToken),
            _ => rules.DeleteAsync(Use.Need(action, "id", id), workspace, cancellationToken),
        };
    }
}
