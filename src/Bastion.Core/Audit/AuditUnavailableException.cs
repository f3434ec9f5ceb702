namespace Bastion.Core.Audit;

/// <summary>
/// The audit log cannot record an entry: its directory or files cannot be written, or it is damaged in a way that
/// must not be chained onto. Nothing was recorded unless the message says otherwise.
/// </summary>
public sealed class AuditUnavailableException : BastionException
{
    public AuditUnavailableException() { }

    public AuditUnavailableException(string message) : base(message) { }

    public AuditUnavailableException(string message, Exception innerException) : base(message, innerException) { }
}
