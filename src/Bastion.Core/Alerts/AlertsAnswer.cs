using System.ComponentModel;

namespace Bastion.Core.Alerts;

/// <summary>The answer of alerts_list.</summary>
public sealed record AlertsAnswer(
    [property: Description("The alerts, newest first.")] IReadOnlyList<AlertEvent> Alerts,
    [property: Description("Alerts that matched, before the limit.")] int Total,
    [property: Description("True when more alerts matched than were returned.")] bool Truncated,
    [property: Description("Alerts that fire now among the target's hosts.")] int FiringNow,
    [property: Description("What was cut, or why there may be nothing to show.")] IReadOnlyList<string> Notes);
