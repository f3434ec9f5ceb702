using System.Text.Json;

namespace Bastion.Providers.Alpacon.Alerts;

/// <summary>
/// Checks an alpacon_alert_rule_change call before anyone is asked: a parameter the action does not take, or a missing
/// one it needs (<see cref="AlpaconAlertsTools.Use"/>), refuses it. create only adds and runs without confirmation;
/// update and delete are confirmed.
/// </summary>
[AttributeUsage(AttributeTargets.Method, Inherited = false)]
internal sealed class AlertRuleChangeCheckAttribute() : ChoiceCheckAttribute("create")
{
    /// <inheritdoc/>
    protected override void Check(IReadOnlyDictionary<string, JsonElement> arguments) => AlpaconAlertsTools.Use.Check(arguments);
}
