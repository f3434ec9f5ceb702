namespace Bastion.Core.History;

/// <summary>One figure of one tick: a series name (family.name_unit), the instance it is about, and the value.</summary>
/// <param name="Metric">Series name, e.g. <c>cpu.busy_percent</c>, <c>disk.used_percent</c>, <c>network.rx_bytes_per_second</c>.</param>
/// <param name="Instance">What the figure is about within the host: a mount point, an interface, a device; empty for
/// host-wide figures, <see cref="HistoryMetrics.AllInstances"/> for a host-wide aggregate of a per-instance family.</param>
/// <param name="Value">The value, in the unit the name ends with.</param>
public sealed record MetricValue(string Metric, string Instance, double Value);
