using Bastion.Core.Audit.Disk;
using Bastion.Core.Audit.Shipping;

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

    /// <summary>The default <see cref="MaxAge"/>: 365 days.</summary>
    public static readonly TimeSpan DefaultMaxAge = TimeSpan.FromDays(365);

    /// <summary>The default <see cref="MaxTotalBytes"/>: 1 GiB.</summary>
    public const long DefaultMaxTotalBytes = 1024L * 1024 * 1024;

    /// <summary>The environment variable that sets <see cref="MaxAge"/>: a duration such as <c>90d</c>, <c>12h</c>, or <c>off</c>.</summary>
    public const string MaxAgeVariable = "BASTION_AUDIT_MAX_AGE";

    /// <summary>The environment variable that sets <see cref="MaxTotalBytes"/>: bytes, or a size such as <c>512M</c>, <c>2G</c>, or <c>off</c>.</summary>
    public const string MaxTotalBytesVariable = "BASTION_AUDIT_MAX_BYTES";

    /// <summary>
    /// Retention by age: a rotated file rotated longer ago than this (so all its entries are older) is pruned, leaving
    /// <c>audit.checkpoint</c>. Null keeps files whatever their age. The active file is never pruned.
    /// </summary>
    public TimeSpan? MaxAge { get; init; } = DefaultMaxAge;

    /// <summary>
    /// Retention by size: the oldest rotated files are pruned until they and a full active file
    /// (<see cref="MaxFileBytes"/>) fit in this many bytes, so the log's files stay under it. Null keeps every file.
    /// Must be at least twice <see cref="MaxFileBytes"/>.
    /// </summary>
    public long? MaxTotalBytes { get; init; } = DefaultMaxTotalBytes;

    /// <summary>The environment variable that turns <see cref="CompressRotated"/> off (<c>off</c>) or on (<c>on</c>).</summary>
    public const string CompressVariable = "BASTION_AUDIT_COMPRESS";

    /// <summary>
    /// Archive: rotated files are gzip-compressed to <c>audit-…-&lt;seq&gt;.jsonl.gz</c> (readable with <c>zcat</c>) by the
    /// writer after the rotation; verify, search, tail and the <c>audit_search</c> tool read them transparently. Default on.
    /// </summary>
    public bool CompressRotated { get; init; } = true;

    /// <summary>The environment variable that sets <see cref="ArchiveDirectory"/>: an absolute path, or <c>off</c>.</summary>
    public const string ArchiveDirectoryVariable = "BASTION_AUDIT_ARCHIVE_DIR";

    /// <summary>
    /// Archive directory: where set, rotated files (compressed first when <see cref="CompressRotated"/>) are moved there
    /// by the writer, crash-safe (copy, fsync, rename, then remove); the log's directory names it in
    /// <c>audit.archive</c>, so verify, search, tail, <c>audit_search</c>, usage and retention read and prune both. Null
    /// keeps rotated files beside the active one. Must be an absolute path outside the log's directory.
    /// </summary>
    public string? ArchiveDirectory { get; init; }

    /// <summary>
    /// Shipping: receivers (syslog, OTLP) that get every entry after its commit; null ships nothing. Set from the
    /// environment by <see cref="WithRetentionFrom"/> (<see cref="ShippingOptions.From"/>).
    /// </summary>
    public ShippingOptions? Shipping { get; init; }

    /// <summary>The environment variable that sets <see cref="DiskLow"/>: <c>5%</c>, a size such as <c>2G</c>, or <c>off</c>.</summary>
    public const string DiskLowVariable = "BASTION_AUDIT_DISK_LOW";

    /// <summary>The environment variable that sets <see cref="DiskFloor"/>: <c>1%</c>, a size such as <c>256M</c>, or <c>off</c>.</summary>
    public const string DiskFloorVariable = "BASTION_AUDIT_DISK_FLOOR";

    /// <summary>
    /// The low watermark of free space on the log's file system (default 5% of it): under it <c>/readyz</c> answers
    /// not ready, saying why, and a warning is logged and counted (<see cref="AuditDiskTelemetry"/>). Null: not checked.
    /// </summary>
    public DiskWatermark? DiskLow { get; init; } = new(5, null);

    /// <summary>
    /// The floor of free space on the log's file system (default 1% of it): under it tool calls are refused before they
    /// run, with the reason; the outcomes of calls already running are still written into the space the floor keeps.
    /// Null: not checked.
    /// </summary>
    public DiskWatermark? DiskFloor { get; init; } = new(1, null);

    /// <summary>
    /// These options with <see cref="MaxAge"/>, <see cref="MaxTotalBytes"/> and <see cref="CompressRotated"/> taken from
    /// <see cref="MaxAgeVariable"/>, <see cref="MaxTotalBytesVariable"/> and <see cref="CompressVariable"/> when they are set,
    /// <see cref="ArchiveDirectory"/> from <see cref="ArchiveDirectoryVariable"/>,
    /// and <see cref="DiskLow"/> and <see cref="DiskFloor"/> from <see cref="DiskLowVariable"/> and <see cref="DiskFloorVariable"/>.
    /// </summary>
    /// <exception cref="BastionException">A variable's value is not a duration or size; the message says what is accepted.</exception>
    public AuditOptions WithRetentionFrom(Func<string, string?> environment)
    {
        ArgumentNullException.ThrowIfNull(environment);
        var age = environment(MaxAgeVariable);
        var bytes = environment(MaxTotalBytesVariable);
        var archive = environment(ArchiveDirectoryVariable);
        var low = environment(DiskLowVariable);
        var floor = environment(DiskFloorVariable);
        return new AuditOptions
        {
            Directory = Directory,
            KeyFile = KeyFile,
            MaxFileBytes = MaxFileBytes,
            MaxAge = string.IsNullOrWhiteSpace(age) ? MaxAge : ParseAge(age),
            MaxTotalBytes = string.IsNullOrWhiteSpace(bytes) ? MaxTotalBytes : ParseSize(bytes),
            CompressRotated = environment(CompressVariable)?.Trim().ToLowerInvariant() switch
            {
                null or "" => CompressRotated,
                "on" => true,
                "off" => false,
                var other => throw new BastionException($"{CompressVariable} '{other}' is not accepted: on or off."),
            },
            ArchiveDirectory = string.IsNullOrWhiteSpace(archive) ? ArchiveDirectory
                : archive.Trim().Equals("off", StringComparison.OrdinalIgnoreCase) ? null
                : Path.IsPathFullyQualified(archive.Trim()) ? archive.Trim()
                : throw new BastionException($"{ArchiveDirectoryVariable} '{archive}' is not an absolute path. Accepted: the absolute path of a directory outside the audit directory, e.g. /var/lib/bastion-archive, or off."),
            Shipping = ShippingOptions.From(environment) ?? Shipping,
            DiskLow = string.IsNullOrWhiteSpace(low) ? DiskLow : DiskWatermark.Parse(low, DiskLowVariable),
            DiskFloor = string.IsNullOrWhiteSpace(floor) ? DiskFloor : DiskWatermark.Parse(floor, DiskFloorVariable),
        };
    }

    private static TimeSpan? ParseAge(string text)
    {
        text = text.Trim();
        if (text.Equals("off", StringComparison.OrdinalIgnoreCase))
        {
            return null;
        }

        var unit = text[^1];
        if (long.TryParse(text.AsSpan(0, text.Length - 1), System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var n) && n > 0)
        {
            switch (unit)
            {
                case 'd': return TimeSpan.FromDays(n);
                case 'h': return TimeSpan.FromHours(n);
                case 'm': return TimeSpan.FromMinutes(n);
            }
        }

        throw new BastionException($"{MaxAgeVariable} '{text}' is not a retention age. Accepted: a whole number with d, h or m (e.g. 365d, 12h), or off.");
    }

    private static long? ParseSize(string text)
    {
        text = text.Trim();
        if (text.Equals("off", StringComparison.OrdinalIgnoreCase))
        {
            return null;
        }

        var (digits, factor) = char.ToUpperInvariant(text[^1]) switch
        {
            'K' => (text[..^1], 1024L),
            'M' => (text[..^1], 1024L * 1024),
            'G' => (text[..^1], 1024L * 1024 * 1024),
            _ => (text, 1L),
        };
        return long.TryParse(digits, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var n) && n > 0 && n <= long.MaxValue / factor
            ? n * factor
            : throw new BastionException($"{MaxTotalBytesVariable} '{text}' is not a size. Accepted: bytes, or a whole number with K, M or G (e.g. 512M, 2G), or off.");
    }
}
