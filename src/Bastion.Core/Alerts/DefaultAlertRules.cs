namespace Bastion.Core.Alerts;

/// <summary>The rules in force while the data directory has no <c>alerts.yaml</c>.</summary>
public static class DefaultAlertRules
{
    /// <summary>Disk at least 90 % used; memory at least 95 % used for 10 minutes; load per CPU at least 2 for 15 minutes; host unreachable for 5 minutes.</summary>
    public static IReadOnlyList<AlertRule> All { get; } =
    [
        new("disk-full", "all", "disk", null, "last", "0s", ">=", 90, "critical", null),
        new("memory-high", "all", "memory", null, "min", "10m", ">=", 95, "warning", null),
        new("load-high", "all", "load", null, "avg", "15m", ">=", 2, "warning", null),
        new("host-unreachable", "all", AlertMetrics.Unreachable, null, "min", "5m", ">=", 1, "critical", null),
    ];
}
