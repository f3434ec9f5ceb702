using System.ComponentModel;

namespace Bastion.Core.History;

/// <summary>The answer of metrics_top.</summary>
public sealed record TopAnswer(
    [property: Description("What was ranked, e.g. cpu.")] string Metric,
    [property: Description("The series ranked; its suffix is the unit, e.g. cpu.busy_percent.")] string Series,
    [property: Description("How each host's samples were combined: avg, max, p95 or last.")] string Aggregate,
    [property: Description("Start of the window, UTC.")] DateTimeOffset Since,
    [property: Description("End of the window, UTC.")] DateTimeOffset Until,
    [property: Description("The top hosts, highest first.")] IReadOnlyList<TopEntry> Hosts,
    [property: Description("Hosts of the target ranked (with data in the window).")] int Ranked,
    [property: Description("Hosts of the target with no samples in the window (never collected, or unreachable throughout); at most 50.")] IReadOnlyList<string> WithoutData,
    [property: Description("What was clamped, cut or missing.")] IReadOnlyList<string> Notes);
