namespace Bastion.Core.Audit;

/// <summary>The result of <see cref="AuditLog.VerifyAsync(string, AuditVerifyOptions, CancellationToken)"/>.</summary>
/// <param name="Ok">True when the chain is intact from the first entry to the one <c>audit.head</c> records, keyed as the keyring says.</param>
/// <param name="EntriesChecked">Entries found intact (before the problem, if there is one).</param>
/// <param name="FilesChecked">Log files opened.</param>
/// <param name="Problem">The first problem, as <c>file line N: what is wrong</c>; null when <paramref name="Ok"/>.</param>
/// <param name="Note">When <paramref name="Ok"/>: how the chain is keyed (keys, unkeyed entries written by an earlier Bastion), in words.</param>
public sealed record AuditVerification(bool Ok, long EntriesChecked, int FilesChecked, string? Problem, string? Note = null);
