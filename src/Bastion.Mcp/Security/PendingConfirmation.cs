using Bastion.Core.Policy;

namespace Bastion.Mcp.Security;

/// <summary>A plan waiting for the call that confirms it.</summary>
/// <param name="Principal">Who may confirm it (name and tenant must match).</param>
/// <param name="Tool">The tool the plan is for.</param>
/// <param name="ArgumentsHash">SHA-256 of the call's arguments, confirm and dry_run left out.</param>
/// <param name="Expires">When the handle stops being valid.</param>
public sealed record PendingConfirmation(Principal Principal, string Tool, string ArgumentsHash, DateTimeOffset Expires);
