using System.Globalization;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Primitives;

namespace Bastion.Fakes.Cloudways;

/// <summary>
/// The day-two routes (services, Varnish and cache, backups, SSL, domains, permissions, disk clean-up, IP whitelists,
/// git deployment), with the request fields of the Cloudways API v1 reference and the JS/Python clients that call it:
/// a missing required field is a 422 naming it; unknown servers and apps are 422 as elsewhere. Calls that Cloudways runs
/// as operations answer <c>{"status": true, "operation_id": "…"}</c> and take effect when the operation completes.
/// </summary>
internal sealed partial class FakeApi
{
    private static readonly string[] ServiceStates = ["start", "stop", "restart"];
    private static readonly string[] VarnishActions = ["enable", "disable", "purge"];
    private static readonly string[] Switches = ["enable", "disable"];
    private static readonly string[] Owners = ["sys_user", "master_user"];
    private static readonly string[] Tabs = ["sftp", "mysql"];
    private static readonly string[] YesNo = ["yes", "no"];
    private static readonly string[] CleanupSteps = ["remove_app_tmp", "remove_app_private_html", "rotate_system_log", "rotate_app_log", "remove_app_local_backup"];

    private async Task<int?> DayTwoAsync(HttpContext context, string method, string[] segments, Func<string, string?> param)
    {
        switch (method, segments)
        {
            case ("GET", ["service"]):
                return await WithServerAsync(context, param("server_id"), "server_id", server =>
                    Json(context, 200, new { services = new { status = new Dictionary<string, string>(server.Services, StringComparer.Ordinal) } }));
            case ("POST", ["service", "state"]):
                return await WithServerAsync(context, param("server_id"), "server_id", server =>
                {
                    var service = param("service");
                    var wanted = param("state");
                    if (Missing(context, ("service", service), ("state", wanted)) is { } missing)
                    {
                        return missing;
                    }

                    if (!server.Services.ContainsKey(service!))
                    {
                        return Json(context, 422, Field("service", "in", "The selected service is invalid."));
                    }

                    if (!ServiceStates.Contains(wanted))
                    {
                        return Json(context, 422, Field("state", "in", "The selected state is invalid."));
                    }

                    server.Services[service!] = wanted == "stop" ? "stopped" : "running";
                    return Json(context, 200, new { service_status = new { status = server.Services[service!] } });
                });
            case ("POST", ["service", "varnish"]):
                return await WithServerAsync(context, param("server_id"), "server_id", server =>
                    OneOf(context, "action", param("action"), VarnishActions) ?? Sync(context, () =>
                    {
                        _ = param("action") switch
                        {
                            "enable" => server.VarnishEnabled = true,
                            "disable" => server.VarnishEnabled = false,
                            _ => server.VarnishPurges++ > -1,
                        };
                    }));
            case ("GET", ["service", "appVarnish"]):
                return await WithAppAsync(context, param, (_, app) => Json(context, 200, new { status = true, varnish_app = app.VarnishEnabled ? "enable" : "disable" }));
            case ("POST", ["service", "appVarnish"]):
                return await WithAppAsync(context, param, (_, app) =>
                    OneOf(context, "action", param("action"), Switches) ?? Sync(context, () => app.VarnishEnabled = param("action") == "enable"));
            case ("POST", ["app", "cache", "purge"]):
                return await WithAppAsync(context, param, (_, app) => Sync(context, () => app.CachePurges++));
            case ("POST", ["server", "manage", "backup"]):
                return await WithServerAsync(context, param("server_id"), "server_id", server =>
                    Started(context, "server_backup", server.Id, 0, effect: () => server.Backups++));
            case ("GET", ["app", "manage", "backup"]):
                return await WithAppAsync(context, param, (server, app) =>
                    Started(context, "app_backup_status", server.Id, app.Id, parameters: System.Text.Json.JsonSerializer.Serialize(new { backup_dates = app.Backups.AsEnumerable().Reverse().ToArray() })));
            case ("POST", ["app", "manage", "takeBackup"]):
                return await WithAppAsync(context, param, (server, app) =>
                    Started(context, "app_backup", server.Id, app.Id, effect: () => app.Backups.Add(options.Clock.GetUtcNow().ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture))));
            case ("POST", ["app", "manage", "restore"]):
                return await WithAppAsync(context, param, (server, app) =>
                {
                    var time = param("time");
                    if (Missing(context, ("time", time)) is { } missing)
                    {
                        return missing;
                    }

                    return !app.Backups.Contains(time!)
                        ? Json(context, 422, Field("time", "in", "No backup exists at the selected time."))
                        : Started(context, "app_restore", server.Id, app.Id, effect: () => app.RestoredFrom = time);
                });
            case ("POST", ["app", "manage", "rollback"]):
                return await WithAppAsync(context, param, (server, app) => app.RestoredFrom is null
                    ? Json(context, 422, Field("app_id", "restore", "There is no restore to roll back for this application."))
                    : Started(context, "app_rollback", server.Id, app.Id, effect: () => (app.RestoredFrom, app.Rollbacks) = (null, app.Rollbacks + 1)));
            case ("POST", ["security", "lets_encrypt_install"]):
                return await WithAppAsync(context, param, (server, app) =>
                {
                    var domains = Values(context, "ssl_domains[]");
                    if (Missing(context, ("ssl_email", param("ssl_email")), ("wild_card", param("wild_card")), ("ssl_domains", domains.Count > 0 ? "x" : null)) is { } missing)
                    {
                        return missing;
                    }

                    return Started(context, "lets_encrypt_install", server.Id, app.Id, effect: () =>
                    {
                        app.Ssl = "letsencrypt";
                        app.SslDomains.Clear();
                        app.SslDomains.AddRange(domains!);
                    });
                });
            case ("POST", ["security", "lets_encrypt_manual_renew"]):
                return await WithAppAsync(context, param, (server, app) =>
                    Missing(context, ("wild_card", param("wild_card")), ("domain", param("domain")))
                    ?? NeedsSsl(context, app, "letsencrypt")
                    ?? Started(context, "lets_encrypt_renew", server.Id, app.Id, effect: () => app.SslRenewals++));
            case ("POST", ["security", "lets_encrypt_auto"]):
                return await WithAppAsync(context, param, (_, app) =>
                    Missing(context, ("auto", param("auto"))) ?? NeedsSsl(context, app, "letsencrypt") ?? Sync(context, () => app.SslAutoRenew = param("auto") is "1" or "true"));
            case ("POST", ["security", "lets_encrypt_revoke"]):
                return await WithAppAsync(context, param, (server, app) =>
                    Missing(context, ("wild_card", param("wild_card")), ("ssl_domain", param("ssl_domain")))
                    ?? NeedsSsl(context, app, "letsencrypt")
                    ?? Started(context, "lets_encrypt_revoke", server.Id, app.Id, effect: () => (app.Ssl, app.SslAutoRenew) = ("none", false)));
            case ("POST", ["security", "own_ssl"]):
                return await WithAppAsync(context, param, (_, app) =>
                    Missing(context, ("ssl_crt", param("ssl_crt")), ("ssl_key", param("ssl_key")))
                    ?? (param("ssl_crt")!.Contains("BEGIN CERTIFICATE", StringComparison.Ordinal)
                        ? Sync(context, () => app.Ssl = "custom")
                        : Json(context, 422, Field("ssl_crt", "certificate", "The certificate is not a PEM certificate."))));
            case ("DELETE", ["security", "removeCustomSSL"]):
                return await WithAppAsync(context, param, (server, app) =>
                    NeedsSsl(context, app, "custom") ?? Started(context, "remove_custom_ssl", server.Id, app.Id, effect: () => app.Ssl = "none"));
            case ("POST", ["app", "manage", "cname"]):
                return await WithAppAsync(context, param, (_, app) =>
                    Missing(context, ("cname", param("cname"))) ?? Sync(context, () => app.Cname = param("cname")!));
            case ("DELETE", ["app", "manage", "cname"]):
                return await WithAppAsync(context, param, (server, app) => app.Cname.Length == 0
                    ? Json(context, 422, Field("cname", "exists", "The application has no custom domain."))
                    : Started(context, "delete_cname", server.Id, app.Id, effect: () => app.Cname = string.Empty));
            case ("POST", ["app", "manage", "enforce_https"]):
                return await WithAppAsync(context, param, (_, app) =>
                    OneOf(context, "status", param("status"), Switches) ?? Sync(context, () => app.HttpsEnforced = param("status") == "enable"));
            case ("POST", ["app", "manage", "reset_permissions"]):
                return await WithAppAsync(context, param, (_, app) =>
                    OneOf(context, "ownership", param("ownership"), Owners) ?? Sync(context, () => app.PermissionsReset = param("ownership")));
            case ("POST", ["server", "disk", "cleanup"]):
                return await WithServerAsync(context, param("server_id"), "server_id", server =>
                    CleanupSteps.Select(step => OneOf(context, step, param(step), YesNo)).FirstOrDefault(refused => refused is not null)
                    ?? Started(context, "disk_cleanup", server.Id, 0, effect: () => server.DiskCleanups++));
            case ("GET", ["security", "whitelisted"]):
                return await WithServerAsync(context, param("server_id"), "server_id", server => Json(context, 200, new { ip_list = server.SftpWhitelist.ToArray() }));
            case ("GET", ["security", "whitelistedIpsMysql"]):
                return await WithServerAsync(context, param("server_id"), "server_id", server => Json(context, 200, new { ip_list = server.MysqlWhitelist.ToArray() }));
            case ("POST", ["security", "whitelisted"]):
                return await WithServerAsync(context, param("server_id"), "server_id", server =>
                {
                    if (OneOf(context, "tab", param("tab"), Tabs) is { } refused)
                    {
                        return refused;
                    }

                    var ips = Values(context, "ips[]");
                    if (ips.FirstOrDefault(ip => !System.Net.IPAddress.TryParse(ip, out _)) is { } bad)
                    {
                        return Json(context, 422, Field("ips", "ip", $"{bad} is not a valid IP address."));
                    }

                    var list = param("tab") == "sftp" ? server.SftpWhitelist : server.MysqlWhitelist;
                    list.Clear();
                    list.AddRange(ips!);
                    return Json(context, 200, new { status = true });
                });
            case ("POST", ["git", "generateKey"]):
                return await WithAppAsync(context, param, (_, app) => Sync(context, () => app.GitKey = $"ssh-rsa AAAAB3NzaC1yc2EfakeKey{app.Id} {app.SysUser}@cloudways"));
            case ("GET", ["git", "key"]):
                return await WithAppAsync(context, param, (_, app) => app.GitKey is null
                    ? Json(context, 422, Field("app_id", "key", "No deployment key has been generated for this application."))
                    : Json(context, 200, new { key = app.GitKey }));
            case ("GET", ["git", "branchNames"]):
                return await WithAppAsync(context, param, (_, app) =>
                    Missing(context, ("git_url", param("git_url"))) ?? Json(context, 200, new { branches = new[] { "main", "production", "staging" } }));
            case ("GET", ["git", "history"]):
                return await WithAppAsync(context, param, (_, app) => Json(context, 200, new
                {
                    logs = app.GitHistory.AsEnumerable().Reverse().Select(h => new { branch_name = h.Branch, deploy_path = h.Path, datetime = h.At, git_url = app.GitUrl }).ToArray(),
                }));
            case ("POST", ["git", "clone"]):
                return await WithAppAsync(context, param, (server, app) =>
                {
                    var (url, branch) = (param("git_url"), param("branch_name"));
                    if (Missing(context, ("git_url", url), ("branch_name", branch)) is { } missing)
                    {
                        return missing;
                    }

                    return app.GitKey is null
                        ? Json(context, 422, Field("git_url", "key", "Generate a deployment key (git/generateKey) and add it to the repository first."))
                        : Started(context, "git_clone", server.Id, app.Id, effect: () => Deployed(app, url, branch!, param("deploy_path") ?? string.Empty));
                });
            case ("POST", ["git", "pull"]):
                return await WithAppAsync(context, param, (server, app) =>
                    Missing(context, ("branch_name", param("branch_name")))
                    ?? (app.GitUrl is null
                        ? Json(context, 422, Field("app_id", "git", "The application has no repository; clone one first."))
                        : Started(context, "git_pull", server.Id, app.Id, effect: () => Deployed(app, null, param("branch_name")!, param("deploy_path") ?? string.Empty))));
            default:
                return null;
        }
    }

    private void Deployed(FakeApp app, string? url, string branch, string path)
    {
        app.GitUrl = url ?? app.GitUrl;
        app.GitHistory.Add((branch, path, options.Clock.GetUtcNow().ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture)));
    }

    private Task<int> Started(HttpContext context, string type, long serverId, long appId, string? parameters = null, Action? effect = null) =>
        Json(context, 200, new { status = true, operation_id = Str(state.StartOperation(type, serverId, appId, parameters, effect).Id) });

    private static Task<int> Sync(HttpContext context, Action change)
    {
        change();
        return Json(context, 200, new { status = true });
    }

    private static Task<int>? NeedsSsl(HttpContext context, FakeApp app, string kind) =>
        app.Ssl == kind ? null : Json(context, 422, Field("app_id", "ssl", kind == "custom" ? "The application has no custom certificate." : "The application has no Let's Encrypt certificate."));

    private static Task<int>? Missing(HttpContext context, params (string Name, string? Value)[] fields) =>
        fields.FirstOrDefault(f => string.IsNullOrEmpty(f.Value)) is { Name: { } name }
            ? Json(context, 422, Field(name, "required", $"The {name.Replace('_', ' ')} field is required."))
            : null;

    private static Task<int>? OneOf(HttpContext context, string name, string? value, string[] allowed) =>
        string.IsNullOrEmpty(value) ? Missing(context, (name, value))
        : allowed.Contains(value) ? null
        : Json(context, 422, Field(name, "in", $"The selected {name} is invalid."));

    private static List<string> Values(HttpContext context, string name)
    {
        StringValues values = context.Request.HasFormContentType ? context.Request.Form[name] : context.Request.Query[name];
        return [.. values.Where(v => !string.IsNullOrEmpty(v)).Select(v => v!)];
    }
}
