using System.Text;
using System.Text.RegularExpressions;
using Bastion.Core.Inventory;

namespace Bastion.Core.Secrets.Vault;

/// <summary>What vault names, tenants and values may look like.</summary>
internal static partial class VaultNames
{
    private static readonly UTF8Encoding Utf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    /// <summary>Checks an entry about to be stored and gives its value's UTF-8 bytes, for the caller to encrypt and then clear.</summary>
    /// <exception cref="BastionException">An invalid tenant, name or value, or a value that is not valid Unicode text.</exception>
    public static byte[] EntryPlaintext(string tenant, string name, string value)
    {
        ValidateTenant(tenant);
        ValidateName(name);
        ValidateValue(value);
        try
        {
            return Utf8.GetBytes(value);
        }
        catch (EncoderFallbackException e)
        {
            throw new BastionException("The value is not valid Unicode text (it holds a lone surrogate).", e);
        }
    }

    /// <exception cref="BastionException"><paramref name="name"/> breaks <see cref="CredentialVault.NameRule"/>.</exception>
    public static void ValidateName(string? name)
    {
        if (name is null || !NamePattern().IsMatch(name))
        {
            throw new BastionException($"Invalid vault name '{name}': use {CredentialVault.NameRule}, e.g. cloudways/api-key.");
        }
    }

    /// <exception cref="BastionException"><paramref name="tenant"/> is not host-name-like.</exception>
    public static void ValidateTenant(string? tenant)
    {
        if (!HostNames.IsValid(tenant))
        {
            throw new BastionException($"Invalid tenant '{tenant}': use {HostNames.Rule}.");
        }
    }

    /// <exception cref="BastionException"><paramref name="value"/> is empty or longer than <see cref="CredentialVault.MaxValueLength"/>.</exception>
    public static void ValidateValue(string? value)
    {
        if (string.IsNullOrEmpty(value))
        {
            throw new BastionException("A vault value cannot be empty.");
        }

        if (value.Length > CredentialVault.MaxValueLength)
        {
            throw new BastionException($"A vault value is at most {CredentialVault.MaxValueLength} characters; this one has {value.Length}.");
        }
    }

    public static bool IsValidName(string? name) => name is not null && NamePattern().IsMatch(name);

    [GeneratedRegex("^[A-Za-z0-9][A-Za-z0-9._:/-]{0,127}$")]
    private static partial Regex NamePattern();
}
