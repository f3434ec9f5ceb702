using System.Text.RegularExpressions;

namespace Bastion.Core.Inventory;

/// <summary>What a host, group or label name may look like.</summary>
public static partial class HostNames
{
    /// <summary>Names reserved by target expressions.</summary>
    public static readonly IReadOnlySet<string> Reserved = new HashSet<string>(StringComparer.Ordinal) { "local", "all" };

    /// <summary>The rule in words, for error messages.</summary>
    public const string Rule = "1-63 characters: letters, digits, '.', '_' and '-', starting with a letter or digit";

    /// <summary>True when <paramref name="name"/> is a valid host or group name.</summary>
    public static bool IsValid(string? name) => name is not null && NamePattern().IsMatch(name);

    /// <summary>Throws unless <paramref name="name"/> is valid and, for a new host, not reserved.</summary>
    /// <exception cref="BastionException">The name breaks the rule or is reserved.</exception>
    public static void Validate(string? name, string what = "host name")
    {
        if (!IsValid(name))
        {
            throw new BastionException($"Invalid {what} '{name}': use {Rule}.");
        }

        if (Reserved.Contains(name!))
        {
            throw new BastionException($"'{name}' cannot be a {what}: it is reserved ({string.Join(", ", Reserved)}).");
        }
    }

    [GeneratedRegex("^[A-Za-z0-9][A-Za-z0-9._-]{0,62}$")]
    private static partial Regex NamePattern();
}
