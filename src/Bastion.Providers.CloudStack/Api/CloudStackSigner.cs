using System.Diagnostics.CodeAnalysis;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace Bastion.Providers.CloudStack.Api;

/// <summary>
/// CloudStack's request signature. Every parameter except <c>signature</c> (so <c>command</c>, <c>response</c> and
/// <c>apiKey</c> too) is written <c>name=value</c> with the value encoded as <see cref="Encode"/> does, the pairs are
/// sorted by name (ordinal, on the names as sent) and joined with <c>&amp;</c>, the whole string is lower-cased, and the
/// signature is the Base64 of its HMAC-SHA1 under the secret key. This is what the management server recomputes
/// (<c>ApiServer.verifyRequest</c>: sorted names, <c>URLEncoder.encode(value)</c> with <c>+</c> → <c>%20</c>,
/// <c>toLowerCase()</c>, <c>HmacSHA1</c>).
/// </summary>
internal static class CloudStackSigner
{
    /// <summary>CloudStack's time format for the <c>expires</c> parameter of a signed request: <c>yyyy-MM-ddTHH:mm:ss+0000</c>, in UTC.</summary>
    public static string FormatExpires(DateTimeOffset time) => time.ToUniversalTime().ToString("yyyy-MM-dd'T'HH:mm:ss", CultureInfo.InvariantCulture) + "+0000";

    /// <summary>The string that is signed: sorted, encoded, lower-cased.</summary>
    public static string StringToSign(IEnumerable<KeyValuePair<string, string>> parameters)
    {
        var pairs = parameters
            .Where(p => !p.Key.Equals("signature", StringComparison.OrdinalIgnoreCase))
            .OrderBy(p => p.Key, StringComparer.Ordinal)
            .Select(p => p.Key + "=" + Encode(p.Value));
        return string.Join('&', pairs).ToLowerInvariant();
    }

    /// <summary>The Base64 HMAC-SHA1 of <see cref="StringToSign"/> under <paramref name="secretKey"/>.</summary>
    [SuppressMessage("Security", "CA5350:Do Not Use Weak Cryptographic Algorithms", Justification = "CloudStack's API signature is HMAC-SHA1 by definition; the server accepts nothing else.")]
    public static string Sign(IEnumerable<KeyValuePair<string, string>> parameters, string secretKey)
    {
        ArgumentNullException.ThrowIfNull(secretKey);
        var mac = HMACSHA1.HashData(Encoding.UTF8.GetBytes(secretKey), Encoding.UTF8.GetBytes(StringToSign(parameters)));
        return Convert.ToBase64String(mac);
    }

    /// <summary>
    /// A value encoded the way the management server encodes it before comparing signatures (Java's
    /// <c>URLEncoder</c>, then <c>+</c> → <c>%20</c>): letters, digits and <c>. - * _</c> stay; every other UTF-8 byte
    /// becomes <c>%XX</c>, a space included. The same encoding is used on the wire, so what is sent decodes to what was
    /// signed. (CloudMonkey uses Go's QueryEscape with fix-ups, which leaves <c>~</c> alone; the server encodes it as
    /// <c>%7E</c>, so a value with a tilde signed that way is refused. We follow the server.)
    /// </summary>
    public static string Encode(string value)
    {
        ArgumentNullException.ThrowIfNull(value);
        var builder = new StringBuilder(value.Length + 8);
        foreach (var b in Encoding.UTF8.GetBytes(value))
        {
            var c = (char)b;
            if (char.IsAsciiLetterOrDigit(c) || c is '.' or '-' or '*' or '_')
            {
                builder.Append(c);
            }
            else
            {
                builder.Append('%').Append(Convert.ToHexString([b]));
            }
        }

        return builder.ToString();
    }

    /// <summary>The parameters as <c>name=value&amp;…</c>, values encoded as <see cref="Encode"/> does (for a query string or a form body).</summary>
    public static string FormEncode(IEnumerable<KeyValuePair<string, string>> parameters) =>
        string.Join('&', parameters.Select(p => p.Key + "=" + Encode(p.Value)));
}
