namespace Bastion.Core.Audit.Shipping;

/// <summary>
/// One audit entry as shipped: its <paramref name="Seq"/> and <paramref name="Hash"/> (so a receiver can check that it
/// has every entry, in order), its <paramref name="Time"/> (UTC), the <paramref name="Tenant"/> whose chain it belongs
/// to (null: the default chain), and <paramref name="Line"/>, the exact JSON line of the local log.
/// </summary>
public sealed record ShippedEntry(long Seq, string Hash, DateTimeOffset Time, string? Tenant, string Line);
