using System.Text.RegularExpressions;

namespace Bastion.Providers.WebOps.Api;

/// <summary>Reads the CSRF form token (<c>csrfmiddlewaretoken</c>) from WebOps's login page.</summary>
internal static partial class LoginForm
{
    /// <summary>The token in the page's hidden input; null when the page has none.</summary>
    public static string? CsrfToken(string html)
    {
        ArgumentNullException.ThrowIfNull(html);
        foreach (Match input in InputPattern().Matches(html))
        {
            if (NamePattern().IsMatch(input.Value) && ValuePattern().Match(input.Value) is { Success: true } value)
            {
                return value.Groups[1].Value;
            }
        }

        return null;
    }

    [GeneratedRegex(@"<input\b[^>]*>", RegexOptions.IgnoreCase, 1000)]
    private static partial Regex InputPattern();

    [GeneratedRegex(@"\bname\s*=\s*[""']csrfmiddlewaretoken[""']", RegexOptions.IgnoreCase, 1000)]
    private static partial Regex NamePattern();

    [GeneratedRegex(@"\bvalue\s*=\s*[""']([A-Za-z0-9]+)[""']", RegexOptions.IgnoreCase, 1000)]
    private static partial Regex ValuePattern();
}
