using System.ComponentModel;

namespace Bastion.Providers.CloudStack.Status;

/// <summary>Result of cloudstack_status.</summary>
internal sealed record CloudStackStatus(
    [property: Description("True when the vault holds an endpoint and a key pair or a login.")] bool Configured,
    [property: Description("How calls authenticate: api_key (signed requests) or session (login); null when not configured.")] string? AuthMode,
    [property: Description("True when a signed or session call (listZones) just succeeded.")] bool Reachable,
    [property: Description("Duration of that call in milliseconds, retries included.")] double? LatencyMs,
    [property: Description("Zones the credentials can see; null when the call failed.")] int? Zones,
    [property: Description("True when VMs with an address become SSH hosts (the vault holds cloudstack/ssh-user).")] bool SshMapping,
    [property: Description("Why the call failed, or what to store in the vault; null when all is well. Never contains a credential.")] string? Error);
