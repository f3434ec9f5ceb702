namespace Bastion.Core.Audit;

/// <summary>
/// The content of <c>audit.head</c>: the seq and hash of the last entry written (seq 0 and 64 zeros for a log that has
/// none yet), the id of the audit key, the boot id of the machine when it was written (<see cref="BootId"/>; null in a
/// head written before heads carried one) and the HMAC-SHA256 under the key of
/// <c>bastion-audit-head/v2\n{seq}\n{hash}\n{boot}</c> (<c>bastion-audit-head/v1\n{seq}\n{hash}</c> without a boot id).
/// Key and MAC are both null in a head written before keyed chains.
/// </summary>
internal sealed record AuditHead(long Seq, string Hash, string? Key = null, string? Mac = null, string? Boot = null);
