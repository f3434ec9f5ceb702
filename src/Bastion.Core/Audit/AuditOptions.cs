namespace Bastion.Core.Audit;

/// <summary>Where the audit log lives and when its active file is rotated.</summary>
public sealed class AuditOptions
{
    /// <summary>The default <see cref="MaxFileBytes"/>: 10 MiB.</summary>
    public const long DefaultMaxFileBytes = 10 * 1024 * 1024;

    /// <summary>The log's directory (created with mode 0700). One <see cref="AuditLog"/> writes to it at a time.</summary>
    public required string Directory { get; init; }

    /// <summary>
    /// The audit keyring (see <see cref="AuditLog"/>); default <c>audit.key</c> beside the log's directory, i.e. in the
    /// data directory, so that a copy of the log's directory does not carry its key.
    /// </summary>
    public string? KeyFile { get; init; }

    /// <summary>The keyring's path: <see cref="KeyFile"/>, or <c>audit.key</c> in the parent of <see cref="Directory"/>.</summary>
    public string KeyFilePath => KeyFile ?? DefaultKeyFile(Directory);

    /// <summary><c>audit.key</c> in the parent of the audit directory <paramref name="directory"/>.</summary>
    public static string DefaultKeyFile(string directory) =>
        Path.Combine(Path.GetDirectoryName(Path.GetFullPath(directory).TrimEnd(Path.DirectorySeparatorChar)) ?? "/", AuditKeyring.FileName);

    /// <summary>The size past which <c>audit.jsonl</c> is rotated before the next entry is written.</summary>
    public long MaxFileBytes { get; init; } = DefaultMaxFileBytes;
}
