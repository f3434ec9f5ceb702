using System.Security.Cryptography;
using System.Text;
using Microsoft.AspNetCore.WebUtilities;
using ModelContextProtocol;

namespace Bastion.Conformance.Utilities;

/// <summary>
/// The <c>requestState</c> of the input-required tools: <c>&lt;value&gt;.&lt;HMAC-SHA256 of it&gt;</c> under a key made
/// when the process starts, so a state the client changed is refused (-32602) and nothing is kept between rounds.
/// </summary>
internal static class SignedState
{
    private static readonly byte[] Key = RandomNumberGenerator.GetBytes(32);

    public static string Sign(string value) => value + "." + Mac(value);

    /// <summary>The value of a state this process signed; null when there is none.</summary>
    /// <exception cref="McpProtocolException">The state was changed (-32602 Invalid params).</exception>
    public static string? Verify(string? state)
    {
        if (state is null)
        {
            return null;
        }

        var dot = state.LastIndexOf('.');
        if (dot < 0 || !CryptographicOperations.FixedTimeEquals(Encoding.ASCII.GetBytes(state[(dot + 1)..]), Encoding.ASCII.GetBytes(Mac(state[..dot]))))
        {
            throw new McpProtocolException("requestState failed its integrity check: it was not issued by this server, or it was changed.", McpErrorCode.InvalidParams);
        }

        return state[..dot];
    }

    private static string Mac(string value) => WebEncoders.Base64UrlEncode(HMACSHA256.HashData(Key, Encoding.UTF8.GetBytes(value)));
}
