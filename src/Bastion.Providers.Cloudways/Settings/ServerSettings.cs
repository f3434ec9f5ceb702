using System.Text.RegularExpressions;
using Bastion.Core;

namespace Bastion.Providers.Cloudways.Settings;

/// <summary>
/// The server settings Bastion writes, named as <c>POST /server/manage/settings</c> takes them (field list from the
/// Cloudways API v1 clients: IrvingCode7/cloudways-js-client <c>updateServerSettings</c>). The read
/// (<c>GET /server/manage/settings</c>) names two of them differently: <c>date.timezone</c> for date_timezone and
/// <c>ssl_protocols</c> for tls_version. Value ranges are not published; Bastion checks types and shapes only.
/// </summary>
internal static partial class ServerSettings
{
    /// <summary>Every writable setting, in the order the API lists them.</summary>
    public static IReadOnlyList<ServerSetting> All { get; } =
    [
        new("execution_limit", ServerSettingKind.Number, "PHP max execution time, seconds"),
        new("memory_limit", ServerSettingKind.Number, "PHP memory limit, MB"),
        new("date_timezone", ServerSettingKind.Text, "PHP timezone", TimeZone(), "UTC or Europe/London"),
        new("display_errors", ServerSettingKind.OnOff, "PHP display_errors"),
        new("upload_size", ServerSettingKind.Number, "PHP upload size, MB"),
        new("error_reporting", ServerSettingKind.Text, "PHP error_reporting", ErrorLevels(), "E_ALL & ~E_DEPRECATED & ~E_STRICT"),
        new("mysql_timezone", ServerSettingKind.Text, "MySQL timezone", TimeZone(), "UTC or America/New_York"),
        new("static_cache_expiry", ServerSettingKind.Number, "static file cache expiry, seconds"),
        new("character_set_server", ServerSettingKind.Text, "MySQL default character set", Word(), "utf8mb4"),
        new("max_connections", ServerSettingKind.Number, "MySQL max connections"),
        new("max_input_vars", ServerSettingKind.Number, "PHP max input vars"),
        new("max_input_time", ServerSettingKind.Number, "PHP max input time, seconds"),
        new("tls_version", ServerSettingKind.Text, "TLS versions served, comma-separated", TlsVersions(), "1.2,1.3"),
        new("mod_zendguard", ServerSettingKind.Switch, "Zend Guard Loader"),
        new("innodb_buffer_pool_size", ServerSettingKind.Number, "InnoDB buffer pool, MB"),
        new("innodb_lock_wait_timeout", ServerSettingKind.Number, "InnoDB lock wait timeout, seconds"),
        new("wait_timeout", ServerSettingKind.Number, "MySQL wait timeout, seconds"),
        new("opcache_memory_size", ServerSettingKind.Number, "OPcache memory, MB"),
        new("mod_xdebug", ServerSettingKind.Switch, "Xdebug"),
        new("nginx_http2", ServerSettingKind.Switch, "HTTP/2 in Nginx"),
        new("sys_locale", ServerSettingKind.Text, "system locale", Locale(), "en_US.UTF-8"),
        new("varnish_default_ttl", ServerSettingKind.Text, "Varnish default TTL, a number and s, m, h, d or w", Ttl(), "4h"),
    ];

    /// <summary>The names, comma-separated, for errors and descriptions.</summary>
    public static string Names => string.Join(", ", All.Select(s => s.Name));

    /// <summary>Parses <c>name=value</c> pairs and checks each against its setting.</summary>
    /// <exception cref="BastionException">A pair is malformed, names an unknown setting, repeats one, or has a value of the wrong type or shape.</exception>
    public static IReadOnlyList<KeyValuePair<string, string>> Parse(IReadOnlyList<string> pairs)
    {
        var parsed = new List<KeyValuePair<string, string>>();
        foreach (var pair in pairs)
        {
            var at = pair.IndexOf('=', StringComparison.Ordinal);
            if (at <= 0)
            {
                throw new BastionException($"'{pair}' is not name=value, e.g. memory_limit=512.");
            }

            var name = pair[..at].Trim();
            var value = pair[(at + 1)..].Trim();
            var setting = All.FirstOrDefault(s => s.Name == name)
                ?? throw new BastionException($"'{name}' is not a server setting Bastion can change; accepted: {Names}.");
            if (parsed.Any(p => p.Key == name))
            {
                throw new BastionException($"setting {name} is given twice.");
            }

            if (setting.Check(value) is { } wrong)
            {
                throw new BastionException(wrong);
            }

            parsed.Add(new(name, value));
        }

        return parsed;
    }

    [GeneratedRegex(@"^(UTC|[A-Z][A-Za-z_]+(/[A-Z][A-Za-z0-9_+-]+){1,2})$")]
    private static partial Regex TimeZone();

    [GeneratedRegex(@"^[E_A-Z0-9 &|~^()]{1,200}$")]
    private static partial Regex ErrorLevels();

    [GeneratedRegex("^[a-z0-9_]{1,40}$")]
    private static partial Regex Word();

    [GeneratedRegex(@"^1\.[0-3](,1\.[0-3]){0,3}$")]
    private static partial Regex TlsVersions();

    [GeneratedRegex(@"^[a-z]{2,3}_[A-Z]{2}(\.UTF-8)?$")]
    private static partial Regex Locale();

    [GeneratedRegex(@"^[1-9][0-9]{0,5}[smhdw]$")]
    private static partial Regex Ttl();
}
