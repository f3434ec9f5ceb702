namespace Bastion.Core.Secrets.Vault;

/// <summary>What is known about a stored value without decrypting it. Never carries the value.</summary>
/// <param name="Tenant">The tenant the value belongs to (<see cref="CredentialVault.DefaultTenant"/> in stdio mode).</param>
/// <param name="Name">The value's name within its tenant.</param>
/// <param name="Created">When the name was first set (UTC).</param>
/// <param name="Updated">When the value was last set (UTC).</param>
public sealed record VaultItem(string Tenant, string Name, DateTimeOffset Created, DateTimeOffset Updated);
