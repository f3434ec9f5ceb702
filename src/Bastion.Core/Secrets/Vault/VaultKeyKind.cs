namespace Bastion.Core.Secrets.Vault;

/// <summary>Where a vault's key comes from. The vault file's header records the kind it was created (or last rotated) with.</summary>
public enum VaultKeyKind
{
    /// <summary>A 32-byte key given directly: the base64 in <c>BASTION_VAULT_KEY</c>, or bytes passed through the API.</summary>
    Key,

    /// <summary>A key derived from a passphrase with PBKDF2-SHA256; the salt and the iteration count are in the header.</summary>
    Passphrase,

    /// <summary>32 random bytes, base64, in <c>vault.key</c> in the data directory (mode 0600), created on first use.</summary>
    KeyFile,
}
