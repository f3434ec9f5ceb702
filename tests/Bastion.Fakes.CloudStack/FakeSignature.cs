using System.Security.Cryptography;
using System.Text;

namespace Bastion.Fakes.CloudStack;

/// <summary>
/// The management server's side of request signing, written apart from Bastion's client so that a mistake in one is
/// caught by the other: parameter names as received, sorted ordinally (Java's Collections.sort), each value encoded
/// like Java's URLEncoder with '+' turned into %20, joined, lower-cased, HMAC-SHA1 under the user's secret key, Base64.
/// </summary>
public static class FakeSignature
{
    public static string StringToSign(IEnumerable<KeyValuePair<string, string>> received)
    {
        var names = received.Where(p => !p.Key.Equals("signature", StringComparison.OrdinalIgnoreCase)).ToList();
        names.Sort((a, b) => string.CompareOrdinal(a.Key, b.Key));
        var text = string.Join("&", names.Select(p => p.Key + "=" + JavaUrlEncode(p.Value)));
        return text.ToLowerInvariant();
    }

    public static string Compute(IEnumerable<KeyValuePair<string, string>> received, string secretKey)
    {
#pragma warning disable CA5350 // CloudStack's API signature is HMAC-SHA1.
        using var mac = new HMACSHA1(Encoding.UTF8.GetBytes(secretKey));
#pragma warning restore CA5350
        return Convert.ToBase64String(mac.ComputeHash(Encoding.UTF8.GetBytes(StringToSign(received))));
    }

    /// <summary>Java's URLEncoder.encode(value, "UTF-8").replaceAll("\\+", "%20"): RFC 3986 escaping, except '*' kept and '~' escaped.</summary>
    public static string JavaUrlEncode(string value) =>
        Uri.EscapeDataString(value).Replace("~", "%7E", StringComparison.Ordinal).Replace("%2A", "*", StringComparison.Ordinal);
}
