namespace Bastion.Core.Audit;

/// <summary>
/// The content of <c>audit.head</c>: the seq and hash of the last entry written (seq 0 and 64 zeros for a log that has
/// none yet), and the id of the audit key and the HMAC-SHA256 under it of <c>bastion-audit-head/v1\n{seq}\n{hash}</c>
/// (both null in a head written before keyed chains).
/// </summary>
internal sealed record AuditHead(long Seq, string Hash, string? Key = null, string? Mac = null);
