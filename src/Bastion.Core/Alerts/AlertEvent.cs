using System.ComponentModel;

namespace Bastion.Core.Alerts;

/// <summary>One alert: a rule whose condition held on a host, from when it fired until it resolved (if it has).</summary>
public sealed record AlertEvent(
    [property: Description("Store id of the alert.")] long Id,
    [property: Description("Name of the rule.")] string Rule,
    [property: Description("Inventory name of the host.")] string Host,
    [property: Description("info, warning or critical.")] string Severity,
    [property: Description("firing or resolved.")] string State,
    [property: Description("What was watched, e.g. disk.used_percent[/] or unreachable; the suffix is the unit.")] string Metric,
    [property: Description("The rule's condition, e.g. 'min over 10m >= 95'.")] string Condition,
    [property: Description("The aggregate when the alert fired, in the metric's unit.")] double Value,
    [property: Description("When the alert fired, UTC.")] DateTimeOffset StartedAt,
    [property: Description("When the alert resolved, UTC; null while it fires.")] DateTimeOffset? EndedAt,
    [property: Description("The aggregate when the alert resolved; null while it fires or when its rule was deleted.")] double? EndValue)
{
    /// <summary>State of an alert that fires.</summary>
    public const string Firing = "firing";

    /// <summary>State of an alert that resolved.</summary>
    public const string Resolved = "resolved";
}
