namespace Bastion.Core.Audit;

/// <summary>Where the audit log lives and when its active file is rotated.</summary>
public sealed class AuditOptions
{
    /// <summary>The default <see cref="MaxFileBytes"/>: 10 MiB.</summary>
    public const long DefaultMaxFileBytes = 10 * 1024 * 1024;

    /// <summary>The log's directory (created with mode 0700). One <see cref="AuditLog"/> writes to it at a time.</summary>
    public required string Directory { get; init; }

    /// <summary>The size past which <c>audit.jsonl</c> is rotated before the next entry is written.</summary>
    public long MaxFileBytes { get; init; } = DefaultMaxFileBytes;
}
