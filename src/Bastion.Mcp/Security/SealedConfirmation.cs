namespace Bastion.Mcp.Security;

/// <summary>What a 2026-07-28 confirmation's request state says, once its seal was checked.</summary>
/// <param name="Id">Random (128 bits, hex): what the replay guard remembers.</param>
/// <param name="Principal">The principal asked.</param>
/// <param name="Tenant">Its tenant; null over stdio.</param>
/// <param name="Tool">The tool the person was asked about.</param>
/// <param name="ArgumentsHash">SHA-256 (hex) of the call's arguments, confirm and dry_run left out.</param>
/// <param name="HostsHash">SHA-256 (hex) of the names of the hosts the call resolved to, sorted.</param>
/// <param name="Expires">When the state stops being valid (UTC).</param>
internal sealed record SealedConfirmation(string Id, string Principal, string? Tenant, string Tool, string ArgumentsHash, string HostsHash, DateTimeOffset Expires);
