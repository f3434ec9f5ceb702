using System.ComponentModel;

namespace Bastion.Core.Files;

/// <summary>A file or archive moved between Bastion's machine and a host.</summary>
public sealed record TransferResult(
    [property: Description("Inventory name of the host.")] string Host,
    [property: Description("Where the data came from (a path on the host, or on Bastion's machine for uploads).")] string Source,
    [property: Description("Where it was written.")] string Destination,
    [property: Description("Bytes written.")] long SizeBytes,
    [property: Description("SHA-256 of what was written, hex.")] string Sha256,
    [property: Description("True when the other side computed the same SHA-256; false when it could not (no sha256sum there) or differed.")] bool Verified,
    [property: Description("Permission bits of the written file in octal, e.g. 644; null for archives.")] string? Mode,
    [property: Description("Seconds the transfer took.")] double DurationSeconds);
