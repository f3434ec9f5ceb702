using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Http;

namespace Bastion.Fakes.Cloudways;

/// <summary>
/// The settings writes. <c>POST /server/manage/settings</c> takes server_id and any of the fields the API v1 clients send
/// (IrvingCode7/cloudways-js-client <c>updateServerSettings</c>), answers <c>{"status": true}</c> and applies them at
/// once; a field that is not a server setting, a number that is not a whole number, a switch that is not
/// enable/disable, or a malformed text is a 422 naming the field, and nothing is changed.
/// <c>POST /app/manage/fpm_setting</c> takes fpm_setting (the pool text) and answers <c>{"status": true}</c>;
/// <c>POST /app/manage/varnish_setting</c> takes vcl_list (a JSON list of <c>{"method", "type", "value"}</c>) and runs
/// as an operation. Value ranges are not published; the fake checks types and shapes only.
/// </summary>
internal sealed partial class FakeApi
{
    private static readonly string[] NumberSettings =
        ["execution_limit", "memory_limit", "upload_size", "static_cache_expiry", "max_connections", "max_input_vars", "max_input_time",
         "innodb_buffer_pool_size", "innodb_lock_wait_timeout", "wait_timeout", "opcache_memory_size"];

    private static readonly string[] SwitchSettings = ["mod_zendguard", "mod_xdebug", "nginx_http2"];

    private static readonly Dictionary<string, Regex> TextSettings = new(StringComparer.Ordinal)
    {
        ["date_timezone"] = new(@"^(UTC|[A-Z][A-Za-z_]+(/[A-Z][A-Za-z0-9_+-]+){1,2})$"),
        ["mysql_timezone"] = new(@"^(UTC|[A-Z][A-Za-z_]+(/[A-Z][A-Za-z0-9_+-]+){1,2})$"),
        ["error_reporting"] = new(@"^[E_A-Z0-9 &|~^()]+$"),
        ["character_set_server"] = new("^[a-z0-9_]+$"),
        ["tls_version"] = new(@"^1\.[0-3](,1\.[0-3])*$"),
        ["sys_locale"] = new(@"^[a-z]{2,3}_[A-Z]{2}(\.UTF-8)?$"),
        ["varnish_default_ttl"] = new(@"^[0-9]+[smhdw]$"),
        ["new_default_app"] = new("^[0-9]+$"),
    };

    /// <summary>Where a written field shows in the read, when the names differ.</summary>
    private static readonly Dictionary<string, string> ReadNames = new(StringComparer.Ordinal)
    {
        ["date_timezone"] = "date.timezone",
        ["tls_version"] = "ssl_protocols",
    };

    private static Dictionary<string, object> ServerSettingsBody(FakeServer server)
    {
        var body = new Dictionary<string, object>(StringComparer.Ordinal);
        foreach (var (name, value) in server.Settings)
        {
            body[name] = value;
        }

        body["package_versions"] = new Dictionary<string, string>(server.Packages, StringComparer.Ordinal);
        return body;
    }

    private async Task<int?> SettingsAsync(HttpContext context, string method, string[] segments, Func<string, string?> param)
    {
        switch (method, segments)
        {
            case ("POST", ["server", "manage", "settings"]):
                return await WithServerAsync(context, param("server_id"), "server_id", server =>
                {
                    var given = context.Request.Form.Keys.Where(k => k != "server_id").ToList();
                    if (given.Count == 0)
                    {
                        return Json(context, 422, Field("settings", "required", "At least one setting is required."));
                    }

                    foreach (var name in given)
                    {
                        var value = param(name) ?? string.Empty;
                        var refused = NumberSettings.Contains(name)
                            ? long.TryParse(value, out var n) && n >= 1 ? null : Field(name, "integer", $"The {name.Replace('_', ' ')} must be an integer of at least 1.")
                            : SwitchSettings.Contains(name) ? (value is "enable" or "disable" ? null : Field(name, "in", $"The selected {name.Replace('_', ' ')} is invalid."))
                            : name == "display_errors" ? (value is "On" or "Off" ? null : Field(name, "in", "The selected display errors is invalid."))
                            : TextSettings.TryGetValue(name, out var shape) ? (shape.IsMatch(value) ? null : Field(name, "format", $"The {name.Replace('_', ' ')} format is invalid."))
                            : Field(name, "unknown", $"{name} is not a server setting.");
                        if (refused is not null)
                        {
                            return Json(context, 422, refused);
                        }
                    }

                    foreach (var name in given)
                    {
                        server.Settings[ReadNames.GetValueOrDefault(name, name)] = param(name)!;
                    }

                    server.SettingsChanges++;
                    return Json(context, 200, new { status = true });
                });
            case ("POST", ["app", "manage", "fpm_setting"]):
                return await WithAppAsync(context, param, (_, app) =>
                    Missing(context, ("fpm_setting", param("fpm_setting"))) ?? Sync(context, () => app.FpmSettings = param("fpm_setting")!));
            case ("POST", ["app", "manage", "varnish_setting"]):
                return await WithAppAsync(context, param, (server, app) =>
                {
                    var text = param("vcl_list");
                    if (text is null)
                    {
                        return Json(context, 422, Field("vcl_list", "required", "The vcl list field is required."));
                    }

                    var rules = new List<(string, string, string)>();
                    try
                    {
                        foreach (var rule in JsonDocument.Parse(text).RootElement.EnumerateArray())
                        {
                            var (m, t, v) = (rule.GetProperty("method").GetString(), rule.GetProperty("type").GetString(), rule.GetProperty("value").GetString());
                            if (m != "exclude" || t is not ("url" or "cookie") || string.IsNullOrEmpty(v))
                            {
                                return Json(context, 422, Field("vcl_list", "format", "Each rule needs method exclude, type url or cookie, and a value."));
                            }

                            rules.Add((m, t, v));
                        }
                    }
                    catch (Exception e) when (e is JsonException or InvalidOperationException or KeyNotFoundException)
                    {
                        return Json(context, 422, Field("vcl_list", "json", "The vcl list must be a JSON list of rules."));
                    }

                    return Started(context, "varnish_setting", server.Id, app.Id, effect: () =>
                    {
                        app.VarnishRules.Clear();
                        app.VarnishRules.AddRange(rules);
                    });
                });
            default:
                return null;
        }
    }
}
