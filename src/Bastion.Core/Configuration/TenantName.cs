
namespace Bastion.Core.Configuration;

/// <summary>
/// What a tenant's name may look like over HTTP: 1 to 63 characters, lowercase ASCII letters, digits, <c>_</c> and
/// <c>-</c>, starting with a letter or digit (so it is safe in file names, log lines, metric labels and DNS labels).
/// </summary>
public static class TenantName
{
    /// <summary>The longest name, in characters.</summary>
    public const int MaxLength = 63;

    /// <summary>The rule, in words, for error messages.</summary>
    public const string Rule = "1-63 characters: lowercase letters a-z, digits, '_' and '-', starting with a letter or digit";

    /// <summary>True when <paramref name="name"/> follows <see cref="Rule"/>.</summary>
    public static bool IsValid(string? name)
    {
        if (string.IsNullOrEmpty(name) || name.Length > MaxLength || !IsLetterOrDigit(name[0]))
        {
            return false;
        }

        foreach (var c in name)
        {
            if (!IsLetterOrDigit(c) && c is not ('_' or '-'))
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>Returns <paramref name="name"/> when it follows <see cref="Rule"/>.</summary>
    /// <exception cref="BastionException">It does not; the message quotes it (control characters shown as '?') and gives the rule.</exception>
    public static string Validate(string? name) =>
        IsValid(name) ? name! : throw new BastionException($"Invalid tenant name '{Printable(name)}': use {Rule}.");

    private static bool IsLetterOrDigit(char c) => c is (>= 'a' and <= 'z') or (>= '0' and <= '9');

    /// <summary>The name as it may be shown in a message: at most 64 characters, without control characters.</summary>
    private static string Printable(string? name)
    {
        if (name is null)
        {
            return string.Empty;
        }

        var shown = name.Length > 64 ? name[..64] + "…" : name;
        return string.Create(shown.Length, shown, static (span, text) =>
        {
            for (var i = 0; i < text.Length; i++)
            {
                span[i] = char.IsControl(text[i]) ? '?' : text[i];
            }
        });
    }
}
