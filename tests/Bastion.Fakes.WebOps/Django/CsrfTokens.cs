using System.Security.Cryptography;

namespace Bastion.Fakes.WebOps.Django;

/// <summary>
/// CSRF secrets as Django keeps them: the <c>csrftoken</c> cookie holds a 32-character secret; forms carry a 64-character
/// masked form of it (a random mask, then the secret shifted by the mask), so the value in the page changes on every
/// render while still matching the cookie. A header or form token is accepted when it is the secret or a masking of it.
/// </summary>
public static class CsrfTokens
{
    private const string Alphabet = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789";
    private const int SecretLength = 32;

    /// <summary>A new secret for the cookie.</summary>
    public static string NewSecret() => RandomNumberGenerator.GetString(Alphabet, SecretLength);

    /// <summary>A masked token for a form, valid for <paramref name="secret"/>.</summary>
    public static string Mask(string secret)
    {
        ArgumentNullException.ThrowIfNull(secret);
        var mask = NewSecret();
        var shifted = new char[SecretLength];
        for (var i = 0; i < SecretLength; i++)
        {
            shifted[i] = Alphabet[(Alphabet.IndexOf(secret[i], StringComparison.Ordinal) + Alphabet.IndexOf(mask[i], StringComparison.Ordinal)) % Alphabet.Length];
        }

        return mask + new string(shifted);
    }

    /// <summary>True when <paramref name="token"/> (from a header or a form) matches the cookie's <paramref name="secret"/>.</summary>
    public static bool Matches(string token, string secret)
    {
        ArgumentNullException.ThrowIfNull(token);
        ArgumentNullException.ThrowIfNull(secret);
        if (secret.Length != SecretLength || token.Any(c => !Alphabet.Contains(c, StringComparison.Ordinal)))
        {
            return false;
        }

        if (token.Length == SecretLength)
        {
            return CryptographicOperations.FixedTimeEquals(System.Text.Encoding.ASCII.GetBytes(token), System.Text.Encoding.ASCII.GetBytes(secret));
        }

        if (token.Length != 2 * SecretLength)
        {
            return false;
        }

        var unmasked = new char[SecretLength];
        for (var i = 0; i < SecretLength; i++)
        {
            var shift = Alphabet.IndexOf(token[i], StringComparison.Ordinal);
            var value = Alphabet.IndexOf(token[SecretLength + i], StringComparison.Ordinal);
            unmasked[i] = Alphabet[((value - shift) % Alphabet.Length + Alphabet.Length) % Alphabet.Length];
        }

        return CryptographicOperations.FixedTimeEquals(System.Text.Encoding.ASCII.GetBytes(unmasked), System.Text.Encoding.ASCII.GetBytes(secret));
    }
}
