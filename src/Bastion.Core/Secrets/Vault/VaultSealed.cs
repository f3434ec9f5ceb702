namespace Bastion.Core.Secrets.Vault;

/// <summary>An AES-256-GCM encryption: base64 of the 12-byte nonce, the ciphertext and the 16-byte tag.</summary>
internal sealed record VaultSealed(string Nonce, string Ciphertext, string Tag);
