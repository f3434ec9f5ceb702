namespace Bastion.Core.Audit;

/// <summary>A record waiting in <see cref="AuditLog"/>'s queue for the commit that writes it, and the caller's answer.</summary>
internal sealed class PendingAppend(AuditRecord record)
{
    private readonly TaskCompletionSource<AuditEntry> _done = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public AuditRecord Record { get; } = record;

    /// <summary>Completes once the entry is durable (its commit's fsync and the head's update), or with why it is not.</summary>
    public Task<AuditEntry> Task => _done.Task;

    public void Written(AuditEntry entry) => _done.TrySetResult(entry);

    public void Failed(Exception error) => _done.TrySetException(error);

    public void Canceled(CancellationToken cancellationToken) => _done.TrySetCanceled(cancellationToken);
}
