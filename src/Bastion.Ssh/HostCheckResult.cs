namespace Bastion.Ssh;

/// <summary>What a first contact with a host found.</summary>
/// <param name="Host">Inventory name.</param>
/// <param name="Ok">True when the host answered.</param>
/// <param name="Hostname">The host's own name (uname -n) when it answered.</param>
/// <param name="Seconds">Time the check took.</param>
/// <param name="Fingerprints">Recorded host key fingerprints, e.g. "ED25519 SHA256:…" (none for the local host).</param>
/// <param name="Error">Why the host did not answer; null when it did.</param>
public sealed record HostCheckResult(string Host, bool Ok, string? Hostname, double Seconds, IReadOnlyList<string> Fingerprints, string? Error);
