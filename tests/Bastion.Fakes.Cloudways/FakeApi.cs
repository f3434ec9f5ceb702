using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Primitives;

namespace Bastion.Fakes.Cloudways;

/// <summary>
/// The fake's request handling, strict where the platform notes say how Cloudways behaves: faults first; then the
/// token exchange (form-urlencoded email + api_key, 401 otherwise); every other call needs a valid bearer token (none →
/// 400, unknown or expired → 401; a READ access token → 403 on writes); POST/PUT bodies must be form-urlencoded (415
/// otherwise), GETs carry no body; ids must be integers of existing resources (422 with a field map otherwise);
/// numbers come back as strings; unknown paths get a 200 text answer, as Cloudways gives.
/// </summary>
internal sealed partial class FakeApi(FakeState state, FakeOptions options, FakeFaults faults, Action<FakeRequest> log)
{
    private const string UnknownPath = "You have reached Cloudways API.";

    public async Task HandleAsync(HttpContext context)
    {
        var request = context.Request;
        var full = request.Path.Value ?? "/";
        var path = full.StartsWith("/api/v1/", StringComparison.Ordinal) || full.StartsWith("/api/v2/", StringComparison.Ordinal) ? full[7..] : full;
        var bearer = request.Headers.Authorization.ToString() is { } auth && auth.StartsWith("Bearer ", StringComparison.Ordinal) ? auth[7..] : null;
        var status = 0;
        try
        {
            status = await AnswerAsync(context, request.Method, path, full != path, bearer);
        }
        finally
        {
            log(new FakeRequest(request.Method, path, status, request.ContentType, bearer));
        }
    }

    private async Task<int> AnswerAsync(HttpContext context, string method, string path, bool underApi, string? bearer)
    {
        if (path.StartsWith("/__fake/", StringComparison.Ordinal))
        {
            return await ControlAsync(context, method, path);
        }

        if (faults.Take(method, path) is { } fault)
        {
            if (fault.Hang)
            {
                await Task.Delay(Timeout.Infinite, context.RequestAborted).ContinueWith(static _ => { }, TaskScheduler.Default);
                return 0;
            }

            return await Json(context, fault.Status, new { error = "Service Unavailable", message = "The server is temporarily unable to handle the request." });
        }

        if (!underApi)
        {
            context.Response.StatusCode = 404;
            return 404;
        }

        // Bodies: form-urlencoded for POST/PUT, none for GET/DELETE.
        IFormCollection? form = null;
        if (method is "POST" or "PUT")
        {
            if (!context.Request.HasFormContentType || context.Request.ContentType?.StartsWith("application/x-www-form-urlencoded", StringComparison.OrdinalIgnoreCase) != true)
            {
                return await Json(context, 415, new { error = "unsupported_media_type", message = "Send the parameters form-urlencoded (application/x-www-form-urlencoded)." });
            }

            form = await context.Request.ReadFormAsync(context.RequestAborted);
        }
        else if (context.Request.ContentLength > 0 || context.Request.Headers.TransferEncoding.Count > 0)
        {
            return await Json(context, 400, new { error = "invalid_request", message = "GET parameters belong in the query string, not in a body." });
        }

        string? Param(string name) => (form is not null ? form[name] : context.Request.Query[name]) is { Count: > 0 } v ? v.ToString() : null;

        if (path == "/oauth/access_token" && method == "POST")
        {
            return await ExchangeAsync(context, Param("email"), Param("api_key"));
        }

        if (bearer is null)
        {
            return await Json(context, 400, new { error = "invalid_request", error_description = "Access token not provided" });
        }

        var token = state.Find(bearer);
        if (token is null || state.Expired(token))
        {
            return await Json(context, 401, new { error = "invalid_token", error_description = token is null ? "The access token provided is invalid" : "The access token provided has expired" });
        }

        if (method != "GET" && token.Role == "READ")
        {
            return await Json(context, 403, new { error = "forbidden", message = "This access token's role (READ) does not allow this action." });
        }

        return await RouteAsync(context, method, path, Param);
    }

    private async Task<int> ExchangeAsync(HttpContext context, string? email, string? apiKey)
    {
        if (string.IsNullOrEmpty(email) || string.IsNullOrEmpty(apiKey))
        {
            return await Json(context, 400, new { error = "invalid_request", error_description = "The request is missing a required parameter: email and api_key." });
        }

        if (!string.Equals(email, state.Email, StringComparison.OrdinalIgnoreCase) || apiKey != state.ApiKey)
        {
            return await Json(context, 401, new { error = "invalid_credentials", error_description = "The user credentials were incorrect." });
        }

        var token = state.Issue();
        return await Json(context, 200, new { access_token = token.Value, token_type = "Bearer", expires_in = (long)options.TokenLifetime.TotalSeconds });
    }

    private async Task<int> RouteAsync(HttpContext context, string method, string path, Func<string, string?> param)
    {
        var segments = path.Trim('/').Split('/');
        switch (method, segments)
        {
            case ("GET", ["server"]):
                return await Json(context, 200, new JsonObject { ["status"] = true, ["servers"] = new JsonArray([.. state.Servers.Select(ServerJson)]) });
            case ("GET", ["server", var id, "diskUsage"]):
                return await WithServerAsync(context, id, "server_id", server =>
                {
                    var report = JsonSerializer.Serialize(new { disk_usage = server.Apps.Select(a => new { name = a.SysUser, size = "512M" }).ToArray(), total = "1.5G" });
                    return Json(context, 200, new { status = true, operation_id = Str(state.StartOperation("disk_usage", server.Id, parameters: report).Id) });
                });
            case ("POST", ["server", var action]) when action is "start" or "stop" or "restart":
                return await WithServerAsync(context, param("server_id"), "server_id", server =>
                {
                    var (type, after) = action switch
                    {
                        "start" => ("starting_server", "running"),
                        "stop" => ("stopping_server", "stopped"),
                        _ => ("restarting_server", "running"),
                    };
                    var operation = state.StartOperation(type, server.Id, effect: () =>
                    {
                        server.Status = after;
                        server.Restarts += action == "restart" ? 1 : 0;
                    });
                    return Json(context, 200, new { status = true, operation_id = Str(operation.Id) });
                });
            case ("GET", ["operation", var id]):
                if (!long.TryParse(id, NumberStyles.None, CultureInfo.InvariantCulture, out var operationId) || !state.Operations.TryGetValue(operationId, out var found))
                {
                    return await Json(context, 404, new { error = "not_found", message = $"Operation {id} not found." });
                }

                var op = state.Poll(found);
                return await Json(context, 200, new
                {
                    operation = new
                    {
                        id = Str(op.Id),
                        type = op.Type,
                        server_id = Str(op.ServerId),
                        estimated_time_remaining = op.Completed == "0" ? "1" : "0",
                        frontend_step_number = Str(op.Polls),
                        status = op.Completed switch { "1" => "Operation completed", "-1" => "Operation failed", _ => "Process is initiated" },
                        is_completed = op.Completed,
                        parameters = op.Completed == "1" ? op.Parameters : null,
                        message = op.Completed == "-1" ? "The server did not respond to the request." : "Process is initiated",
                        app_id = Str(op.AppId),
                    },
                });
            case ("GET", ["server", "manage", "settings"]):
                return await WithServerAsync(context, param("server_id"), "server_id", server => Json(context, 200, new
                {
                    status = true,
                    settings = ServerSettingsBody(server),
                }));
            case ("GET", ["server", "monitor", "summary"]):
                return await WithServerAsync(context, param("server_id"), "server_id", server => param("type") is "bw" or "db"
                    ? Json(context, 200, new { content = server.Apps.Select((a, i) => new { name = a.SysUser, datapoint = new[] { 2500 + (i * 100), 1730800000 }, type = "apps" }).ToArray() })
                    : Json(context, 422, Field("type", "in", "The selected type is invalid.")));
            case ("GET", ["server", "monitor", "detail"]):
                return await WithServerAsync(context, param("server_id"), "server_id", _ =>
                    param("target") is null || param("duration") is null
                        ? Json(context, 422, Field(param("target") is null ? "target" : "duration", "required", "The field is required."))
                        : Json(context, 200, new { contents = new { target = param("target"), datapoints = Graph(param("duration")!) } }));
            case ("GET", ["server", "analytics", "serverUsage"]):
                return await WithServerAsync(context, param("server_id"), "server_id", server =>
                    Json(context, 200, new { status = true, operation_id = Str(state.StartOperation("server_usage", server.Id, parameters: "{\"cpu_percent\":\"12\",\"memory_percent\":\"41\"}").Id) }));
            case ("GET", ["app", "creds"]):
                return await WithAppAsync(context, param, (_, app) => Json(context, 200, new
                {
                    status = true,
                    app_creds = new[] { new { id = Str(app.Id + 7000), sys_user = app.SysUser, sys_password = app.SysPassword, ssh_keys = new[] { new { label = "laptop", ssh_key_id = "8812" } } } },
                }));
            case ("GET", ["app", "manage", "fpm_setting"]):
                return await WithAppAsync(context, param, (_, app) => Json(context, 200, new { status = true, response = new { fpm_enabled = true, settings = app.FpmSettings } }));
            case ("GET", ["app", "manage", "varnish_setting"]):
                return await WithAppAsync(context, param, (server, app) => Json(context, 200, new
                {
                    status = true,
                    response = new
                    {
                        varnish_app_enabled = app.VarnishEnabled,
                        varnish_enabled = server.VarnishEnabled,
                        vcl_list = app.VarnishRules.Select(r => new { method = r.Method, type = r.Type, value = r.Value }).ToArray(),
                    },
                }));
            case ("GET", ["app", "monitor", "summary"]):
                return await WithAppAsync(context, param, (_, app) => param("type") switch
                {
                    "bw" or "db" => Json(context, 200, new { content = new[] { new { name = app.SysUser, datapoint = new[] { new[] { 120, 1730800000 }, new[] { 140, 1730886400 } }, type = "app" } } }),
                    "summary" => Json(context, 200, new { content = new { app_home = "314", app_mysql = "42", total = "356" } }),
                    _ => Json(context, 422, Field("type", "in", "The selected type is invalid.")),
                });
            case ("GET", ["app", "analytics", var kind]) when kind is "traffic" or "php" or "mysql" or "cron":
                return await WithAppAsync(context, param, (server, app) =>
                {
                    if (kind != "cron" && (param("duration") is null || param("resource") is null))
                    {
                        return Json(context, 422, Field(param("duration") is null ? "duration" : "resource", "required", "The field is required."));
                    }

                    return kind == "traffic"
                        ? Json(context, 200, new { status = true, operation_id = Str(state.StartOperation("app_traffic", server.Id, app.Id, "{\"top_ips\":[{\"ip\":\"198.51.100.7\",\"hits\":\"1204\"},{\"ip\":\"198.51.100.9\",\"hits\":\"310\"}]}").Id) })
                        : Json(context, 200, new { status = true, data = new { kind, resource = param("resource"), items = new[] { new { name = $"/{kind}-item", value = "1.7" } } } });
                });
            case ("GET", ["alerts"]):
            case ("GET", ["alerts", _]):
                var after = segments.Length > 1 && long.TryParse(segments[1], NumberStyles.None, CultureInfo.InvariantCulture, out var last) ? last : 0;
                if (segments.Length > 1 && after == 0)
                {
                    return await Json(context, 422, Field("last_id", "integer", "The last id must be an integer."));
                }

                return await Json(context, 200, new
                {
                    alerts = state.Alerts.Where(a => a.Id > after).OrderBy(a => a.Id).Take(options.AlertsPageSize).Select(a => new
                    {
                        id = a.Id,
                        server_id = a.ServerId,
                        app_id = (long?)null,
                        is_read = a.Read ? "1" : "0",
                        details = new { subject = a.Subject, desc = $"{a.Subject} on server {a.ServerId}.", template_slug = a.Subject.Contains("Inode", StringComparison.Ordinal) ? "inode-full-1" : "cpu-high-1", values = new { SERVER_LABEL = state.Servers.FirstOrDefault(s => s.Id == a.ServerId)?.Label } },
                    }).ToArray(),
                });
            case ("POST", ["alert", "markAsRead", var id]):
                var alert = long.TryParse(id, NumberStyles.None, CultureInfo.InvariantCulture, out var alertId) ? state.Alerts.FirstOrDefault(a => a.Id == alertId) : null;
                if (alert is null)
                {
                    return await Json(context, 422, Field("alert_id", "exists", "The selected alert id is invalid."));
                }

                alert.Read = true;
                return await Json(context, 200, new { status = true, message = "Alert marked as read." });
            case ("POST", ["alert", "markAllRead"]):
                state.Alerts.ForEach(a => a.Read = true);
                return await Json(context, 200, new { status = true, message = "All alerts marked as read." });
            case ("GET", ["project"]):
                return await Json(context, 200, new { status = true, projects = state.Projects.Select(p => new { id = Str(p.Id), name = p.Name, user_id = "123", is_default = p.Id == 1 ? "1" : "0", created_at = "2024-01-02 10:00:00", image = (string?)null }).ToArray() });
            case ("GET", ["member"]):
                return await Json(context, 200, new JsonObject
                {
                    ["contents"] = new JsonObject
                    {
                        ["members"] = new JsonObject
                        {
                            ["26740"] = new JsonObject { ["id"] = "26740", ["name"] = "Jo Doe", ["email"] = "jo@example.test", ["status"] = "1", ["role"] = "Project Manager", ["permissions"] = new JsonObject { ["is_full"] = false } },
                            ["26741"] = new JsonObject { ["id"] = "26741", ["name"] = "Ana Admin", ["email"] = "ana@example.test", ["status"] = "1", ["role"] = "Account Owner", ["permissions"] = new JsonObject { ["is_full"] = true } },
                        },
                    },
                });
            case ("GET", ["providers"]):
                return await Json(context, 200, new { providers = new[] { new { id = "do", name = "DigitalOcean" }, new { id = "vultr", name = "Vultr" }, new { id = "amazon", name = "Amazon Web Services" } } });
            case ("GET", ["regions"]):
                return await Json(context, 200, new { regions = new Dictionary<string, object> { ["do"] = new[] { new { id = "lon1", name = "London" }, new { id = "nyc3", name = "New York" } }, ["vultr"] = new[] { new { id = "ams", name = "Amsterdam" } } } });
            case ("GET", ["server_sizes"]):
                return await Json(context, 200, new { sizes = new Dictionary<string, string[]> { ["do"] = ["1GB", "2GB", "4GB"], ["vultr"] = ["1GB", "2GB"] } });
            case ("GET", ["apps"]):
                return await Json(context, 200, new { apps = new[] { new { label = "WordPress", application = "wordpress", versions = new[] { new { app_version = "6.4" } } } } });
            case ("GET", ["packages"]):
                return await Json(context, 200, new { packages = new { php = new Dictionary<string, string> { ["debian11"] = "8.2" }, mysql = new Dictionary<string, string> { ["debian11"] = "mariadb10.6" } } });
            case ("GET", ["monitor_durations"]):
                return await Json(context, 200, new { durations = new[] { "1 Hour", "12 Hours", "1 Day", "7 Days" } });
            case ("GET", ["monitor_targets"]):
                return await Json(context, 200, new { targets = new Dictionary<string, string[]> { ["do"] = ["Idle CPU", "Free Memory", "Free Disk"], ["vultr"] = ["Idle CPU"] } });
            default:
                if (await DayTwoAsync(context, method, segments, param) is { } answered)
                {
                    return answered;
                }

                if (await SettingsAsync(context, method, segments, param) is { } set)
                {
                    return set;
                }

                context.Response.StatusCode = 200;
                context.Response.ContentType = "text/html; charset=UTF-8";
                await context.Response.WriteAsync(UnknownPath, context.RequestAborted);
                return 200;
        }
    }

    /// <summary>Five points of a monitoring graph, <c>[value, unix time]</c>, evenly spread over the duration (e.g. "1 Hour",
    /// "12 Hours", "7 Days") and ending one spacing before the fake's now; values 90, 89, … 86.</summary>
    private long[][] Graph(string duration)
    {
        var parts = duration.Split(' ', 2);
        var count = long.TryParse(parts[0], out var n) ? n : 1;
        var unit = parts.Length > 1 && parts[1].StartsWith("Day", StringComparison.Ordinal) ? 86400 : 3600;
        var spacing = count * unit / 5;
        var now = options.Clock.GetUtcNow().ToUnixTimeSeconds();
        return [.. Enumerable.Range(0, 5).Select(i => new[] { 90L - i, now - ((5 - i) * spacing) })];
    }

    private async Task<int> WithServerAsync(HttpContext context, string? id, string field, Func<FakeServer, Task<int>> then)
    {
        if (string.IsNullOrEmpty(id))
        {
            return await Json(context, 422, Field(field, "required", "The server id field is required."));
        }

        if (!long.TryParse(id, NumberStyles.None, CultureInfo.InvariantCulture, out var serverId))
        {
            return await Json(context, 422, Field(field, "integer", "The server id must be an integer."));
        }

        var server = state.Servers.FirstOrDefault(s => s.Id == serverId && !s.Terminated);
        return server is null
            ? await Json(context, 422, Field(field, "exists", "The selected server id is invalid."))
            : await then(server);
    }

    private Task<int> WithAppAsync(HttpContext context, Func<string, string?> param, Func<FakeServer, FakeApp, Task<int>> then) =>
        WithServerAsync(context, param("server_id"), "server_id", async server =>
        {
            var id = param("app_id");
            if (string.IsNullOrEmpty(id) || !long.TryParse(id, NumberStyles.None, CultureInfo.InvariantCulture, out var appId))
            {
                return await Json(context, 422, Field("app_id", string.IsNullOrEmpty(id) ? "required" : "integer", string.IsNullOrEmpty(id) ? "The app id field is required." : "The app id must be an integer."));
            }

            var app = server.Apps.FirstOrDefault(a => a.Id == appId);
            return app is null ? await Json(context, 422, Field("app_id", "exists", "The selected app id is invalid.")) : await then(server, app);
        });

    private async Task<int> ControlAsync(HttpContext context, string method, string path)
    {
        switch (method, path)
        {
            case ("GET", "/__fake/state"):
                return await Json(context, 200, new
                {
                    servers = state.Servers.Select(s => new
                    {
                        id = s.Id,
                        label = s.Label,
                        status = s.Status,
                        restarts = s.Restarts,
                        services = s.Services,
                        varnish_enabled = s.VarnishEnabled,
                        varnish_purges = s.VarnishPurges,
                        backups = s.Backups,
                        apps = s.Apps.Select(a => new { id = a.Id, varnish_enabled = a.VarnishEnabled, cache_purges = a.CachePurges, backups = a.Backups.Count }).ToArray(),
                    }).ToArray(),
                    tokens_issued = state.TokensIssued,
                    operations = state.Operations.Count,
                });
            case ("POST", "/__fake/faults"):
                var form = await context.Request.ReadFormAsync(context.RequestAborted);
                int? count = int.TryParse(form["count"], out var c) ? c : null;
                var onlyMethod = form["method"] is { Count: > 0 } m ? m.ToString() : null;
                var prefix = form["path"] is { Count: > 0 } p ? p.ToString() : null;
                switch (form["mode"].ToString())
                {
                    case "fail":
                        faults.Fail(int.TryParse(form["status"], out var s) ? s : 503, count, onlyMethod, prefix);
                        break;
                    case "hang":
                        faults.Hang(count, onlyMethod, prefix);
                        break;
                    default:
                        faults.Clear();
                        break;
                }

                return await Json(context, 200, new { status = true });
            case ("POST", "/__fake/expire-tokens"):
                state.ExpireTokens();
                return await Json(context, 200, new { status = true });
            default:
                return await Json(context, 404, new { error = "unknown control path" });
        }
    }

    private static JsonObject ServerJson(FakeServer server) => new()
    {
        ["id"] = Str(server.Id),
        ["label"] = server.Label,
        ["status"] = server.Status,
        ["tenant_id"] = "1",
        ["backup_frequency"] = "1",
        ["local_backups"] = false,
        ["is_terminated"] = server.Terminated ? "1" : "0",
        ["created_at"] = "2024-03-11 11:41:31",
        ["updated_at"] = "2024-03-13 14:07:47",
        ["platform"] = "debian11",
        ["cloud"] = server.Cloud,
        ["region"] = server.Region,
        ["zone"] = null,
        ["instance_type"] = server.InstanceType,
        ["volume_size"] = "50",
        ["server_fqdn"] = $"11111-{server.Id}.cloudwaysapps.com",
        ["public_ip"] = server.PublicIp,
        ["master_user"] = $"master_{server.Id}",
        ["master_password"] = server.MasterPassword,
        ["snapshot_frequency"] = null,
        ["ssh_keys"] = new JsonArray(new JsonObject { ["id"] = "9901", ["label"] = "ops-laptop" }),
        ["apps"] = new JsonArray([.. server.Apps.Select(a => (JsonNode)new JsonObject
        {
            ["id"] = Str(a.Id),
            ["label"] = a.Label,
            ["application"] = a.Application,
            ["app_version"] = a.Version,
            ["app_fqdn"] = $"{a.Application}-{a.Id}.cloudwaysapps.com",
            ["sys_user"] = a.SysUser,
            ["cname"] = a.Cname,
            ["mysql_db_name"] = a.SysUser,
            ["server_id"] = Str(server.Id),
            ["project_id"] = Str(a.ProjectId),
            ["webroot"] = null,
            ["lets_encrypt"] = null,
        })]),
    };

    private static string Str(long value) => value.ToString(CultureInfo.InvariantCulture);

    private static Dictionary<string, object[]> Field(string field, string code, string message) =>
        new(StringComparer.Ordinal) { [field] = [new { code, message }] };

    private static readonly JsonSerializerOptions Wire = new();

    private static async Task<int> Json(HttpContext context, int status, object body)
    {
        context.Response.StatusCode = status;
        await context.Response.WriteAsJsonAsync(body, body.GetType(), Wire, context.RequestAborted);
        return status;
    }
}
