namespace Bastion.Providers.Alpacon.Alerts;

/// <summary>What <c>alpacon_alert_rule_change</c> does to an alert rule.</summary>
internal enum AlertRuleAction
{
    /// <summary>Create a rule (name, metric_type, condition, threshold); additive, runs without confirmation.</summary>
    Create,

    /// <summary>Change the given fields of rule id; confirmed.</summary>
    Update,

    /// <summary>Delete rule id for good; confirmed.</summary>
    Delete,
}
