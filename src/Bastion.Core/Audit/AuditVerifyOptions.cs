namespace Bastion.Core.Audit;

/// <summary>How <see cref="AuditLog.VerifyAsync(string, AuditVerifyOptions, CancellationToken)"/> checks a log.</summary>
/// <param name="KeyFile">The audit keyring; null for <c>audit.key</c> beside the log's directory (<see cref="AuditOptions.DefaultKeyFile"/>).</param>
/// <param name="AllowUnkeyed">Accept a log with no keyring whose entries are all unkeyed (written before keyed chains), checked as a plain SHA-256 chain, which a rewrite of the whole chain would pass.</param>
/// <param name="AnchorSeq">With <paramref name="AnchorHash"/>: a head kept outside the machine; the log must hold entry <paramref name="AnchorSeq"/> with that hash.</param>
/// <param name="AnchorHash">The hash the anchor records for entry <paramref name="AnchorSeq"/> (64 lowercase hex).</param>
public sealed record AuditVerifyOptions(string? KeyFile = null, bool AllowUnkeyed = false, long? AnchorSeq = null, string? AnchorHash = null);
