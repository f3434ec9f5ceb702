namespace Bastion.Core.Secrets.Vault;

/// <summary>One change to a tenant's vault that a set of credential headers asks for.</summary>
/// <param name="Name">The vault name, e.g. <c>alpacon/acme/token</c>.</param>
/// <param name="Value">The value to store; null removes the name (a setting the headers make stale).</param>
/// <param name="IsSecret">True for a secret the redactor must learn; false for a setting (URL, region, user name).</param>
public sealed record VaultWrite(string Name, string? Value, bool IsSecret);
