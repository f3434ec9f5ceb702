using Bastion.Core.Audit;

namespace Bastion.Store.Postgres.Audit;

/// <summary>
/// Retention of the shared audit chains, with the file log's names and defaults: entries older than
/// <see cref="MaxAge"/> (default 365 days, <c>BASTION_AUDIT_MAX_AGE</c>) are pruned, and the oldest entries are pruned
/// until the stored lines of a tenant's chain (their UTF-8 bytes, <c>octet_length(line)</c>) fit in
/// <see cref="MaxTotalBytes"/> (default 1 GiB, <c>BASTION_AUDIT_MAX_BYTES</c>). Null turns a rule off. The newest entry
/// is never pruned.
/// </summary>
public sealed record StoreAuditRetention
{
    /// <summary>Entries older than this are pruned; null keeps entries whatever their age.</summary>
    public TimeSpan? MaxAge { get; init; } = AuditOptions.DefaultMaxAge;

    /// <summary>The most bytes of stored lines a tenant's chain keeps; null keeps every entry.</summary>
    public long? MaxTotalBytes { get; init; } = AuditOptions.DefaultMaxTotalBytes;

    /// <summary>
    /// The defaults, with <see cref="MaxAge"/> and <see cref="MaxTotalBytes"/> from <c>BASTION_AUDIT_MAX_AGE</c> and
    /// <c>BASTION_AUDIT_MAX_BYTES</c> when set (parsed as for the file log: <c>90d</c>, <c>12h</c>, <c>512M</c>, <c>off</c>).
    /// </summary>
    /// <exception cref="Core.BastionException">A variable's value is not accepted; the message says what is.</exception>
    public static StoreAuditRetention From(Func<string, string?> environment)
    {
        ArgumentNullException.ThrowIfNull(environment);
        var file = new AuditOptions { Directory = "/" }.WithRetentionFrom(name =>
            name is AuditOptions.MaxAgeVariable or AuditOptions.MaxTotalBytesVariable ? environment(name) : null);
        return new StoreAuditRetention { MaxAge = file.MaxAge, MaxTotalBytes = file.MaxTotalBytes };
    }
}
