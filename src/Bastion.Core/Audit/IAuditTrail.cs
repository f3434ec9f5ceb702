namespace Bastion.Core.Audit;

/// <summary>
/// Where the call pipeline records tool calls and the audit tools read them: the file <see cref="AuditLog"/> of the data
/// directory (the default), or a shared store's chain (Bastion.Store.Postgres, one chain per tenant). Every
/// implementation keeps the entry format and hashing of <see cref="AuditLog"/>, so an entry reads and verifies the same
/// wherever it was written.
/// </summary>
public interface IAuditTrail
{
    /// <summary>Checks that an entry can be written now, writing nothing that is not due.</summary>
    /// <exception cref="AuditUnavailableException">The trail cannot take an entry; the message says why.</exception>
    Task EnsureWritableAsync(CancellationToken cancellationToken);

    /// <summary>Appends <paramref name="record"/> as the next entry of the chain, durably, and returns it.</summary>
    /// <exception cref="ArgumentException">The record has an unknown phase, decision or outcome, or no principal or tool.</exception>
    /// <exception cref="AuditUnavailableException">Nothing was recorded; the message says why.</exception>
    Task<AuditEntry> AppendAsync(AuditRecord record, CancellationToken cancellationToken);

    /// <summary>Entries that match <paramref name="query"/>, newest first, at most <see cref="AuditQuery.Limit"/>.</summary>
    Task<IReadOnlyList<AuditEntry>> SearchAsync(AuditQuery query, CancellationToken cancellationToken);
}
