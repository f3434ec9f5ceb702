namespace Bastion.Core.Secrets.Vault;

/// <summary>One stored value, encrypted with its tenant and name as associated data.</summary>
/// <param name="Tenant">The tenant it belongs to.</param>
/// <param name="Name">Its name within the tenant.</param>
/// <param name="Nonce">Base64 of the 12-byte nonce, fresh for every encryption.</param>
/// <param name="Ciphertext">Base64 of the encrypted UTF-8 value.</param>
/// <param name="Tag">Base64 of the 16-byte authentication tag.</param>
/// <param name="Created">When the name was first set (UTC).</param>
/// <param name="Updated">When the value was last set (UTC).</param>
internal sealed record VaultEntry(string Tenant, string Name, string Nonce, string Ciphertext, string Tag, DateTimeOffset Created, DateTimeOffset Updated)
{
    /// <summary>The encrypted part.</summary>
    public VaultSealed ToSealed() => new(Nonce, Ciphertext, Tag);
}
