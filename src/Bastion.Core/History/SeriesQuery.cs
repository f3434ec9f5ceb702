namespace Bastion.Core.History;

/// <summary>Which series of one host to read, over which window, averaged over which step.</summary>
/// <param name="Host">Inventory name.</param>
/// <param name="MetricPrefix">A family with its dot (<c>cpu.</c>) or a whole series name (<c>cpu.busy_percent</c>).</param>
/// <param name="Instance">Only this instance; null for all.</param>
/// <param name="From">Start of the window, inclusive.</param>
/// <param name="To">End of the window, exclusive.</param>
/// <param name="Step">Width of one point.</param>
public sealed record SeriesQuery(string Host, string MetricPrefix, string? Instance, DateTimeOffset From, DateTimeOffset To, TimeSpan Step);
