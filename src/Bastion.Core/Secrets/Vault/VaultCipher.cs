using System.Security.Cryptography;
using System.Text;

namespace Bastion.Core.Secrets.Vault;

/// <summary>AES-256-GCM with a fresh random 12-byte nonce per encryption and a 16-byte tag; PBKDF2-SHA256 for passphrases.</summary>
internal static class VaultCipher
{
    public const int NonceSize = 12;
    public const int TagSize = 16;
    public const int SaltSize = 16;

    private const string Domain = "bastion-vault/v1";

    private static readonly byte[] _checkPlaintext = "bastion-vault key check"u8.ToArray();

    /// <summary>Associated data of a value: binds its ciphertext to its tenant and name.</summary>
    public static byte[] EntryData(string tenant, string name) => Encoding.UTF8.GetBytes($"{Domain}\0{tenant}\0{name}");

    /// <summary>Associated data of the key check value: binds it to the key kind recorded in the header.</summary>
    public static byte[] CheckData(string keyKind) => Encoding.UTF8.GetBytes($"{Domain}\0key-check\0{keyKind}");

    public static VaultSealed Seal(byte[] key, ReadOnlySpan<byte> plaintext, ReadOnlySpan<byte> associatedData)
    {
        var nonce = RandomNumberGenerator.GetBytes(NonceSize);
        var ciphertext = new byte[plaintext.Length];
        var tag = new byte[TagSize];
        using (var aes = new AesGcm(key, TagSize))
        {
            aes.Encrypt(nonce, plaintext, ciphertext, tag, associatedData);
        }

        return new VaultSealed(Convert.ToBase64String(nonce), Convert.ToBase64String(ciphertext), Convert.ToBase64String(tag));
    }

    /// <summary>The plaintext, or null when the tag does not verify (wrong key, or altered nonce, ciphertext, tag or associated data).</summary>
    /// <remarks>The base64 fields are checked when the file is read (<see cref="VaultFormat"/>).</remarks>
    public static byte[]? TryOpen(byte[] key, VaultSealed sealedValue, ReadOnlySpan<byte> associatedData)
    {
        var nonce = Convert.FromBase64String(sealedValue.Nonce);
        var ciphertext = Convert.FromBase64String(sealedValue.Ciphertext);
        var tag = Convert.FromBase64String(sealedValue.Tag);
        var plaintext = new byte[ciphertext.Length];
        try
        {
            using var aes = new AesGcm(key, TagSize);
            aes.Decrypt(nonce, ciphertext, tag, plaintext, associatedData);
            return plaintext;
        }
        catch (AuthenticationTagMismatchException)
        {
            CryptographicOperations.ZeroMemory(plaintext);
            return null;
        }
    }

    /// <summary>The key check value for a new header.</summary>
    public static VaultSealed SealCheck(byte[] key, string keyKind) => Seal(key, _checkPlaintext, CheckData(keyKind));

    /// <summary>True when <paramref name="key"/> is the key <paramref name="header"/>'s check value was made with.</summary>
    public static bool Matches(byte[] key, VaultHeader header)
    {
        var plaintext = TryOpen(key, header.Check, CheckData(header.KeyKind));
        return plaintext is not null && CryptographicOperations.FixedTimeEquals(plaintext, _checkPlaintext);
    }

    /// <summary>PBKDF2-SHA256 of the passphrase's UTF-8.</summary>
    public static byte[] Derive(string passphrase, byte[] salt, int iterations)
    {
        var secret = Encoding.UTF8.GetBytes(passphrase);
        try
        {
            return Rfc2898DeriveBytes.Pbkdf2(secret, salt, iterations, HashAlgorithmName.SHA256, VaultKeySource.KeySize);
        }
        finally
        {
            CryptographicOperations.ZeroMemory(secret);
        }
    }
}
