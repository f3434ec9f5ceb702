namespace Bastion.Core.Audit;

/// <summary>The result of <see cref="AuditLog.VerifyAsync"/>.</summary>
/// <param name="Ok">True when the chain is intact from the first entry to the one <c>audit.head</c> records.</param>
/// <param name="EntriesChecked">Entries found intact (before the problem, if there is one).</param>
/// <param name="FilesChecked">Log files opened.</param>
/// <param name="Problem">The first problem, as <c>file line N: what is wrong</c>; null when <paramref name="Ok"/>.</param>
public sealed record AuditVerification(bool Ok, long EntriesChecked, int FilesChecked, string? Problem);
