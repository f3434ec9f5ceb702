using System.Buffers;
using System.Buffers.Text;
using System.Diagnostics.CodeAnalysis;
using System.Security.Cryptography;

namespace Bastion.Http.Auth;

/// <summary>
/// The text of a Bastion API key, <c>bst_&lt;id&gt;_&lt;secret&gt;</c>: the prefix, an 8-character id (lowercase
/// base32, <c>a-z2-7</c>), an underscore, and 32 random bytes in unpadded base64url (43 characters). 56 characters in all.
/// </summary>
internal static class ApiKeyToken
{
    public const string Prefix = "bst_";
    public const int IdLength = 8;
    public const int SecretSize = 32;

    private const string Base32 = "abcdefghijklmnopqrstuvwxyz234567";
    private static readonly SearchValues<char> _base32 = SearchValues.Create(Base32);
    private static readonly int _secretLength = Base64Url.GetEncodedLength(SecretSize);

    /// <summary>Length of a key's text in characters.</summary>
    public static int Length { get; } = Prefix.Length + IdLength + 1 + _secretLength;

    /// <summary>A new random id: 5 random bytes (40 bits) as 8 base32 characters.</summary>
    public static string NewId()
    {
        Span<byte> random = stackalloc byte[5];
        RandomNumberGenerator.Fill(random);
        ulong bits = 0;
        foreach (var b in random)
        {
            bits = (bits << 8) | b;
        }

        return string.Create(IdLength, bits, static (span, value) =>
        {
            for (var i = IdLength - 1; i >= 0; i--)
            {
                span[i] = Base32[(int)(value & 31)];
                value >>= 5;
            }
        });
    }

    /// <summary>True when <paramref name="text"/> has the shape of an id.</summary>
    public static bool IsId([NotNullWhen(true)] string? text) =>
        text is { Length: IdLength } && text.AsSpan().IndexOfAnyExcept(_base32) < 0;

    /// <summary>The key text for <paramref name="id"/> and <paramref name="secret"/>.</summary>
    public static string Format(string id, ReadOnlySpan<byte> secret) => Prefix + id + "_" + Base64Url.EncodeToString(secret);

    /// <summary>
    /// Splits <paramref name="token"/> into its id and secret bytes; false unless it is exactly
    /// <c>bst_&lt;id&gt;_&lt;secret&gt;</c> with a well-formed id and a secret of <see cref="SecretSize"/> bytes.
    /// </summary>
    public static bool TryParse(string token, [NotNullWhen(true)] out string? id, [NotNullWhen(true)] out byte[]? secret)
    {
        id = null;
        secret = null;
        if (token.Length != Length || !token.StartsWith(Prefix, StringComparison.Ordinal) || token[Prefix.Length + IdLength] != '_')
        {
            return false;
        }

        var candidate = token.Substring(Prefix.Length, IdLength);
        if (!IsId(candidate))
        {
            return false;
        }

        var encoded = token.AsSpan(Prefix.Length + IdLength + 1);
        // TryDecodeFromChars throws on a character outside the alphabet: check first.
        var bytes = new byte[SecretSize];
        if (!Base64Url.IsValid(encoded, out var length) || length != SecretSize
            || !Base64Url.TryDecodeFromChars(encoded, bytes, out var written) || written != SecretSize)
        {
            return false;
        }

        id = candidate;
        secret = bytes;
        return true;
    }

    /// <summary>
    /// The SHA-256 of <paramref name="secret"/> (32 bytes). A fast hash is right here, unlike for passwords: the
    /// secret is 32 random bytes (256 bits of entropy), so there is nothing to guess and no need for a slow,
    /// salted key-derivation function; the hash only keeps a copy of keys.json from being a list of working keys.
    /// </summary>
    public static byte[] Hash(ReadOnlySpan<byte> secret) => SHA256.HashData(secret);
}
