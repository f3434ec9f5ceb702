namespace Bastion.Core.History;

/// <summary>What one maintenance pass did.</summary>
/// <param name="RolledUpTo">Raw samples before this time are summarised in 5-minute rollups.</param>
/// <param name="SamplesDeleted">Raw samples older than the raw retention, deleted.</param>
/// <param name="RollupsDeleted">Rollups older than the rollup retention, deleted.</param>
public sealed record MaintenanceResult(DateTimeOffset RolledUpTo, long SamplesDeleted, long RollupsDeleted);
