using Bastion.Core.Audit;

namespace Bastion.Store.Postgres.Audit;

/// <summary>A record waiting for the commit that writes it, and the caller waiting for its entry.</summary>
internal sealed class PendingEntry(AuditRecord record)
{
    private readonly TaskCompletionSource<AuditEntry> _done = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public AuditRecord Record { get; } = record;

    public Task<AuditEntry> Task => _done.Task;

    public void Complete(AuditEntry entry) => _done.TrySetResult(entry);

    public void Fail(Exception e) => _done.TrySetException(e);
}
