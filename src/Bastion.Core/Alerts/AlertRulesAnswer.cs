using System.ComponentModel;

namespace Bastion.Core.Alerts;

/// <summary>The answer of alert_rules_list, alert_rules_set and alert_rules_delete.</summary>
public sealed record AlertRulesAnswer(
    [property: Description("The rules in force; webhooks are shown with their path hidden.")] IReadOnlyList<AlertRule> Rules,
    [property: Description("defaults (no alerts.yaml), file, or last_good (the file on disk was refused; see problem).")] string Source,
    [property: Description("Path of alerts.yaml in the data directory.")] string File,
    [property: Description("Why the file on disk was refused (what was wrong and what is accepted); null when it is in force or absent.")] string? Problem,
    [property: Description("What the call changed, for the set and delete tools; null for the list.")] string? Change);
