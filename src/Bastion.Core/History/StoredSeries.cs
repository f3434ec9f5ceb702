namespace Bastion.Core.History;

/// <summary>One series of one host from the store.</summary>
/// <param name="Metric">Series name, e.g. <c>cpu.busy_percent</c>.</param>
/// <param name="Instance">Mount point, interface or device; empty for host-wide series; <c>*</c> for a host-wide aggregate.</param>
/// <param name="Points">Points in time order.</param>
public sealed record StoredSeries(string Metric, string Instance, IReadOnlyList<StoredPoint> Points);
