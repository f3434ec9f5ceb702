namespace Bastion.Core.Audit;

/// <summary>One line of a log file, numbered from 1, without its newline.</summary>
internal sealed record FileLine(long Number, byte[] Bytes, bool Terminated);
