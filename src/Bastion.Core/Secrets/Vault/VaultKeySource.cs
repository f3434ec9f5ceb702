using Bastion.Core.Configuration;

namespace Bastion.Core.Secrets.Vault;

/// <summary>
/// Where the vault's key comes from: a 32-byte key, a passphrase, or the key file in the data directory.
/// <see cref="FromEnvironment"/> picks, in order, <c>BASTION_VAULT_KEY</c>, <c>BASTION_VAULT_PASSPHRASE</c>, then
/// <c>vault.key</c>. Holds secret material: never log or print one.
/// </summary>
public sealed class VaultKeySource
{
    /// <summary>Environment variable holding the key: the base64 of 32 bytes.</summary>
    public const string KeyVariable = "BASTION_VAULT_KEY";

    /// <summary>Environment variable holding the passphrase the key is derived from.</summary>
    public const string PassphraseVariable = "BASTION_VAULT_PASSPHRASE";

    /// <summary>Environment variable holding the new passphrase for <c>bastion vault rotate-key --to-passphrase</c>.</summary>
    public const string NewPassphraseVariable = "BASTION_VAULT_NEW_PASSPHRASE";

    /// <summary>Size of a vault key in bytes (AES-256).</summary>
    public const int KeySize = 32;

    /// <summary>Shortest passphrase a vault is created or re-keyed with (an existing vault opens with whatever it was made with).</summary>
    public const int MinimumNewPassphraseLength = 12;

    private VaultKeySource(VaultKeyKind kind, string origin, byte[]? key, string? passphrase, string? keyFile)
    {
        Kind = kind;
        Origin = origin;
        Key = key;
        Passphrase = passphrase;
        KeyFile = keyFile;
    }

    /// <summary>What kind of key this is.</summary>
    public VaultKeyKind Kind { get; }

    /// <summary>Where the key came from, in words, for messages (e.g. <c>BASTION_VAULT_KEY</c>); never the key itself.</summary>
    public string Origin { get; }

    /// <summary>The key file's path, for <see cref="VaultKeyKind.KeyFile"/>.</summary>
    public string? KeyFile { get; }

    internal byte[]? Key { get; }

    internal string? Passphrase { get; }

    /// <summary>
    /// A key of <see cref="KeySize"/> bytes for another use than the vault's values, derived from this vault key so that
    /// whoever holds the vault key holds it: HKDF-SHA256 of the key with <paramref name="purpose"/> as info, or for a
    /// passphrase PBKDF2-SHA256 (600 000 iterations) with a salt made of <paramref name="purpose"/>. Servers that share
    /// the vault key (the same <c>vault.key</c>, <c>BASTION_VAULT_KEY</c> or passphrase) derive the same key.
    /// </summary>
    /// <exception cref="BastionException">The key file does not exist yet, or is unusable.</exception>
    public byte[] DeriveKey(string purpose)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(purpose);
        var info = System.Text.Encoding.UTF8.GetBytes($"bastion-vault/v1\0derived\0{purpose}");
        if (Passphrase is { } passphrase)
        {
            return System.Security.Cryptography.Rfc2898DeriveBytes.Pbkdf2(passphrase, System.Security.Cryptography.SHA256.HashData(info), 600_000, System.Security.Cryptography.HashAlgorithmName.SHA256, KeySize);
        }

        var key = Key ?? (KeyFile is { } file ? VaultKeyFile.Read(file) : null)
            ?? throw new BastionException($"There is no vault key yet in {KeyFile}: it is made when the first value is stored (`bastion vault set`); servers that share a store need the same vault key (copy vault.key, or set {KeyVariable}).");
        return System.Security.Cryptography.HKDF.DeriveKey(System.Security.Cryptography.HashAlgorithmName.SHA256, key, KeySize, salt: null, info: info);
    }

    /// <summary>A key given as <see cref="KeySize"/> bytes.</summary>
    /// <exception cref="BastionException">The key is not <see cref="KeySize"/> bytes long.</exception>
    public static VaultKeySource FromKey(ReadOnlySpan<byte> key, string origin = "a key given by the caller")
    {
        if (key.Length != KeySize)
        {
            throw new BastionException($"A vault key is {KeySize} bytes; {origin} has {key.Length}.");
        }

        return new VaultKeySource(VaultKeyKind.Key, origin, key.ToArray(), null, null);
    }

    /// <summary>A key given as the base64 of <see cref="KeySize"/> bytes.</summary>
    /// <exception cref="BastionException">The text is not base64, or does not decode to <see cref="KeySize"/> bytes.</exception>
    public static VaultKeySource FromBase64(string base64, string origin = KeyVariable)
    {
        ArgumentNullException.ThrowIfNull(base64);
        var buffer = new byte[base64.Length];
        if (!Convert.TryFromBase64String(base64.Trim(), buffer, out var length))
        {
            throw new BastionException($"{origin} is not base64: it must be the base64 of {KeySize} random bytes, e.g. from `openssl rand -base64 32`.");
        }

        if (length != KeySize)
        {
            throw new BastionException($"{origin} decodes to {length} bytes; a vault key is the base64 of exactly {KeySize} bytes, e.g. from `openssl rand -base64 32`.");
        }

        return new VaultKeySource(VaultKeyKind.Key, origin, buffer[..KeySize], null, null);
    }

    /// <summary>A passphrase the key is derived from (PBKDF2-SHA256 with the salt and iterations in the vault's header).</summary>
    /// <exception cref="BastionException">The passphrase is empty.</exception>
    public static VaultKeySource FromPassphrase(string passphrase, string origin = "a passphrase given by the caller")
    {
        if (string.IsNullOrEmpty(passphrase))
        {
            throw new BastionException($"The vault passphrase ({origin}) is empty.");
        }

        return new VaultKeySource(VaultKeyKind.Passphrase, origin, null, passphrase, null);
    }

    /// <summary>The key file of <paramref name="paths"/>' data directory (<c>vault.key</c>), created on first use.</summary>
    public static VaultKeySource FromKeyFile(BastionPaths paths)
    {
        ArgumentNullException.ThrowIfNull(paths);
        return new VaultKeySource(VaultKeyKind.KeyFile, $"the key file {paths.VaultKeyFile}", null, null, paths.VaultKeyFile);
    }

    /// <summary>
    /// <c>BASTION_VAULT_KEY</c> when set, else <c>BASTION_VAULT_PASSPHRASE</c> when set, else the key file in the data
    /// directory.
    /// </summary>
    /// <exception cref="BastionException"><c>BASTION_VAULT_KEY</c> is set but is not the base64 of 32 bytes.</exception>
    public static VaultKeySource FromEnvironment(BastionPaths paths)
    {
        ArgumentNullException.ThrowIfNull(paths);
        if (Environment.GetEnvironmentVariable(KeyVariable) is { Length: > 0 } key)
        {
            return FromBase64(key, KeyVariable);
        }

        if (Environment.GetEnvironmentVariable(PassphraseVariable) is { Length: > 0 } passphrase)
        {
            return FromPassphrase(passphrase, PassphraseVariable);
        }

        return FromKeyFile(paths);
    }
}
