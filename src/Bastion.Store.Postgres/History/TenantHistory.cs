namespace Bastion.Store.Postgres.History;

/// <summary>
/// One tenant's history rows in the shared store, for <c>bastion doctor --store</c>: counts of ticks, series, raw
/// samples, rollups and alert rows, and the oldest and newest tick (null without ticks).
/// </summary>
public sealed record TenantHistory(string Tenant, long Ticks, long Series, long Samples, long Rollups, long Alerts, DateTimeOffset? Oldest, DateTimeOffset? Newest);
