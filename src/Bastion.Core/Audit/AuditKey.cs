using System.Security.Cryptography;
using System.Text;

namespace Bastion.Core.Audit;

/// <summary>
/// One HMAC-SHA256 key of the audit keyring: its id (16 hex digits that name it without revealing it), its 32 bytes,
/// when it was made, and the seq of the first entry it keys (null while it waits to be taken into use).
/// </summary>
internal sealed record AuditKey(string Id, byte[] Secret, DateTimeOffset Created, long? Since)
{
    public const int Size = 32;

    /// <summary>A new random key, not yet in use.</summary>
    public static AuditKey Create(DateTimeOffset now)
    {
        var secret = RandomNumberGenerator.GetBytes(Size);
        return new AuditKey(IdOf(secret), secret, now, null);
    }

    /// <summary>The id of a key: the first 8 bytes of HMAC-SHA256(key, "bastion-audit-key-id"), hex.</summary>
    public static string IdOf(byte[] secret) =>
        Convert.ToHexStringLower(HMACSHA256.HashData(secret, "bastion-audit-key-id"u8))[..16];

    /// <summary>Hex HMAC-SHA256 of <paramref name="data"/> under this key.</summary>
    public string Mac(ReadOnlySpan<byte> data) => Convert.ToHexStringLower(HMACSHA256.HashData(Secret, data));

    /// <summary>The MAC of the head <c>(seq, hash)</c>: over <c>bastion-audit-head/v1\n{seq}\n{hash}</c>.</summary>
    public string HeadMac(long seq, string hash) =>
        Mac(Encoding.ASCII.GetBytes(string.Create(System.Globalization.CultureInfo.InvariantCulture, $"bastion-audit-head/v1\n{seq}\n{hash}")));

    /// <summary>
    /// The MAC of a file log's head <c>(seq, hash, boot)</c>: over <c>bastion-audit-head/v2\n{seq}\n{hash}\n{boot}</c>,
    /// or the v1 MAC of <see cref="HeadMac(long, string)"/> when <paramref name="boot"/> is null.
    /// </summary>
    public string HeadMac(long seq, string hash, string? boot) => boot is null
        ? HeadMac(seq, hash)
        : Mac(Encoding.ASCII.GetBytes(string.Create(System.Globalization.CultureInfo.InvariantCulture, $"bastion-audit-head/v2\n{seq}\n{hash}\n{boot}")));
}
