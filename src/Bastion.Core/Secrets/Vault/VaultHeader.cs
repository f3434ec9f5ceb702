using System.Text.Json.Serialization;

namespace Bastion.Core.Secrets.Vault;

/// <summary>The vault file's header.</summary>
/// <param name="Version">Format version; this code reads and writes <see cref="VaultFormat.Version"/>.</param>
/// <param name="Cipher">Always <c>aes-256-gcm</c>.</param>
/// <param name="KeyKind"><c>key</c>, <c>passphrase</c> or <c>key-file</c>: how the key was supplied when the vault was created or last re-keyed.</param>
/// <param name="Check">A constant encrypted under the key: tells a wrong key from a damaged value.</param>
/// <param name="Kdf">How the key is derived from the passphrase; only for <c>passphrase</c>.</param>
internal sealed record VaultHeader(int Version, string Cipher, string KeyKind, [property: JsonPropertyOrder(1)] VaultSealed Check, VaultKdf? Kdf = null);
