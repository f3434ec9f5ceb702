namespace Bastion.Fakes.WebOps.State;

/// <summary>A <c>SecurityScan</c> row created by <c>/compliance/api/scan-now/</c>.</summary>
public sealed record FakeScan(string ScanId, string ScanType, string Target, DateTimeOffset CompletedAt);
