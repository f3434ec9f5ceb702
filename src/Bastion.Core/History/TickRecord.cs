namespace Bastion.Core.History;

/// <summary>One recorded tick of one host: when, and whether the host answered.</summary>
public sealed record TickRecord(DateTimeOffset Time, TickStatus Status, string? Error);
