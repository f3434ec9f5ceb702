namespace Bastion.Core.Audit;

/// <summary>
/// Where a log stands when it is opened: the last entry's seq and hash, the length of the active file's complete
/// lines, the bytes of a partial line after them, and whether <c>audit.head</c> is one entry behind.
/// </summary>
internal sealed record LogPosition(long Seq, string Hash, long ActiveLength, long PartialLength, bool RollHeadForward);
