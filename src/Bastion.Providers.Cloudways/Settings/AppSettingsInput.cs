using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Bastion.Core;

namespace Bastion.Providers.Cloudways.Settings;

/// <summary>
/// Checks of an app's PHP-FPM pool text and Varnish exclusion rules before they are sent. Shapes from the Cloudways
/// API v1 clients: <c>GET /app/manage/fpm_setting</c> answers <c>{"response": {"fpm_enabled": true, "settings":
/// "php_admin_value[memory_limit] = 32M\n…"}}</c> and the POST takes the same text as <c>fpm_setting</c>;
/// <c>GET /app/manage/varnish_setting</c> answers <c>{"response": {"varnish_app_enabled", "varnish_enabled",
/// "vcl_list": [{"method": "exclude", "type": "url"|"cookie", "value": …}]}}</c> and the POST takes the list as
/// <c>vcl_list</c>.
/// </summary>
internal static partial class AppSettingsInput
{
    /// <summary>Most characters of a pool text.</summary>
    public const int MaxFpmChars = 8000;

    /// <summary>The pool text, trimmed, when every line is blank, a <c>;</c> comment or a PHP directive.</summary>
    /// <exception cref="BastionException">The text is empty, too long, or a line is not a directive.</exception>
    public static string Fpm(string? text)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            throw new BastionException("action 'fpm' needs fpm: the pool directives, one per line, e.g. \"php_admin_value[memory_limit] = 256M\\nphp_admin_flag[log_errors] = on\".");
        }

        if (text.Length > MaxFpmChars)
        {
            throw new BastionException($"fpm is {text.Length} characters; at most {MaxFpmChars} are accepted.");
        }

        var lines = text.Replace("\r\n", "\n", StringComparison.Ordinal).Split('\n');
        for (var i = 0; i < lines.Length; i++)
        {
            var line = lines[i].Trim();
            if (line.Length > 0 && !line.StartsWith(';') && !Directive().IsMatch(line))
            {
                throw new BastionException($"fpm line {i + 1} '{line}' is not a pool directive: use php_value[name] = value, php_flag[name] = on|off, php_admin_value[…] or php_admin_flag[…] (a line starting with ; is a comment).");
            }
        }

        return string.Join('\n', lines.Select(l => l.Trim())).Trim();
    }

    /// <summary>The rules as the JSON text <c>vcl_list</c> carries; an empty list removes every rule.</summary>
    /// <exception cref="BastionException">The list is missing, or a rule is not url:PATH or cookie:NAME.</exception>
    public static string VarnishRules(IReadOnlyList<string>? rules)
    {
        if (rules is null)
        {
            throw new BastionException("action 'varnish_exclude' needs varnish_exclude: the app's whole list of exclusions, e.g. [\"url:/cart\", \"cookie:wordpress_logged_in\"] ([] removes every rule).");
        }

        var list = new JsonArray();
        foreach (var rule in rules)
        {
            var at = rule.IndexOf(':', StringComparison.Ordinal);
            var type = at > 0 ? rule[..at].Trim() : string.Empty;
            var value = at > 0 ? rule[(at + 1)..].Trim() : string.Empty;
            if (type is not ("url" or "cookie") || value.Length == 0 || value.Length > 255 || value.Any(char.IsWhiteSpace))
            {
                throw new BastionException($"varnish_exclude rule '{rule}' is not url:PATH (e.g. url:/cart) or cookie:NAME (e.g. cookie:wordpress_logged_in), without spaces.");
            }

            list.Add((JsonNode)new JsonObject { ["method"] = "exclude", ["type"] = type, ["value"] = value });
        }

        return list.ToJsonString();
    }

    [GeneratedRegex(@"^php_(admin_)?(value|flag)\[[A-Za-z0-9_.]{1,80}\]\s*=\s*\S.{0,500}$")]
    private static partial Regex Directive();
}
