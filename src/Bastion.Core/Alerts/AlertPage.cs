namespace Bastion.Core.Alerts;

/// <summary>Alerts read from the store, newest first, and how many matched in all.</summary>
public sealed record AlertPage(IReadOnlyList<AlertEvent> Alerts, int Total);
