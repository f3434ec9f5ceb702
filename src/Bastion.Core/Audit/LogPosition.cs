namespace Bastion.Core.Audit;

/// <summary>
/// Where a log stands when it is opened: the last entry's seq and hash, the length of the active file's complete
/// lines, the bytes of a partial line after them, and, when <c>audit.head</c> lagged behind the log across a restart
/// of the machine, the recovery entry that records it.
/// </summary>
internal sealed record LogPosition(long Seq, string Hash, long ActiveLength, long PartialLength, AuditRecord? Lag = null);
