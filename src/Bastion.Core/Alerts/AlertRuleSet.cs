namespace Bastion.Core.Alerts;

/// <summary>The rules in force and where they come from.</summary>
/// <param name="Rules">The rules.</param>
/// <param name="Source">defaults (no alerts.yaml), file, or last_good (the file changed and was refused).</param>
/// <param name="Problem">Why the file on disk was refused; null when it is in force or absent.</param>
public sealed record AlertRuleSet(IReadOnlyList<AlertRule> Rules, string Source, string? Problem);
