namespace Bastion.Core.Audit;

/// <summary>The end of a log file: its last complete line (null if none), where the complete lines end, and its length.</summary>
internal sealed record FileTail(byte[]? LastLine, long CompleteLength, long Length)
{
    /// <summary>Bytes after the last newline: an interrupted write, or a file truncated mid-line.</summary>
    public long PartialLength => Length - CompleteLength;
}
