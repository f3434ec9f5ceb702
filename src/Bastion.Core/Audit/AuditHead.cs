namespace Bastion.Core.Audit;

/// <summary>The content of <c>audit.head</c>: the seq and hash of the last entry written.</summary>
internal sealed record AuditHead(long Seq, string Hash);
