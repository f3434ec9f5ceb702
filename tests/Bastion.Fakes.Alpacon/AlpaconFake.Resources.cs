using System.Globalization;
using System.Text.Json.Nodes;

namespace Bastion.Fakes.Alpacon;

/// <summary>Servers, metrics, /api/proc/, events, notes, IAM, alerts and alert rules.</summary>
public sealed partial class AlpaconFake
{
    private static readonly string[] Reporters = ["alpamon", "kim", "system"];
    private static readonly string[] Records = ["login", "command", "restart", "package", "alert"];
    private static readonly HashSet<string> Conditions = new(StringComparer.Ordinal) { "gt", "gte", "lt", "lte" };
    private static readonly HashSet<string> MetricTypes = new(StringComparer.Ordinal) { "cpu", "memory", "disk", "disk_io", "traffic" };

    private void Seed()
    {
        var start = DateTimeOffset.UtcNow.AddDays(-1);
        for (var i = 0; i < _options.EventCount; i++)
        {
            var server = _servers[i % _servers.Count];
            _events.Add(new JsonObject
            {
                ["id"] = $"e-{i:0000}",
                ["server"] = server.Summary(),
                ["reporter"] = Reporters[i % Reporters.Length],
                ["record"] = Records[i % Records.Length],
                ["description"] = $"{Records[i % Records.Length]} #{i} on {server.Name}",
                ["added_at"] = FakeJson.Time(start.AddMinutes(i)),
            });
        }

        _users.Add(new JsonObject { ["id"] = "00000000-0000-4000-8000-000000000001", ["username"] = "kim", ["email"] = "kim@example.com", ["first_name"] = "Min", ["last_name"] = "Kim", ["is_active"] = true, ["num_groups"] = 1, ["date_joined"] = "2025-01-02T03:04:05Z" });
        _groups.Add(new JsonObject { ["id"] = "00000000-0000-4000-8000-0000000000a1", ["name"] = "ops", ["display_name"] = "Operations", ["description"] = "on call", ["num_members"] = 1, ["members_names"] = new JsonArray("kim"), ["servers"] = new JsonArray([.. _servers.Select(s => (JsonNode)s.Summary())]) });
        _rules.Add(new JsonObject { ["id"] = "r-0001", ["name"] = "cpu high", ["metric_type"] = "cpu", ["condition"] = "gt", ["threshold"] = 90.0, ["enabled"] = true, ["servers"] = new JsonArray(_servers[0].Id), ["description"] = null });
        _alerts.Add(new JsonObject { ["id"] = "a-0001", ["server"] = _servers[0].Summary(), ["rule"] = "r-0001", ["status"] = "firing", ["acknowledged"] = false, ["dismissed"] = false, ["added_at"] = FakeJson.Time(DateTimeOffset.UtcNow.AddMinutes(-5)) });
    }

    private void MapResources()
    {
        _app.MapGet("/api/servers/servers/", (HttpRequest r) =>
            FakeJson.Page(r, [.. _servers.Where(s => Matches(r, s.Name)).Select(s => (JsonNode)s.Detail())]));
        _app.MapGet("/api/servers/servers/{id}/", (string id) => Server(id) is { } s ? FakeJson.Json(s.Detail()) : FakeJson.NotFound());

        foreach (var metric in new[] { "cpu", "memory", "disk-usage", "disk-io", "traffic" })
        {
            _app.MapGet($"/api/metrics/realtime/{metric}/", (HttpRequest r) => Series(r, metric));
            if (metric != "disk-usage")
            {
                _app.MapGet($"/api/metrics/realtime/{metric}/top/", (HttpRequest r) => FakeJson.Page(r, [.. _servers.Select((s, i) => (JsonNode)new JsonObject { ["server"] = s.Summary(), ["metric"] = metric, ["value"] = 90.0 - (i * 10) })]));
            }
        }

        _app.MapGet("/api/metrics/realtime/disk-usage/device/", (HttpRequest r) =>
            Server(r.Query["server"]) is null ? FakeJson.Invalid("server", "This field is required.") : FakeJson.Json(new JsonObject { ["devices"] = new JsonArray("/dev/sda1", "/dev/sdb1"), ["mount_points"] = new JsonArray("/", "/data") }));

        MapProc("info", () => LocalProc.Info());
        MapProc("os", () => LocalProc.Os());
        MapProc("time", () => LocalProc.Time());
        MapProc("interfaces", () => new JsonArray([.. LocalProc.Interfaces()]));
        MapProc("disks", () => new JsonArray([.. LocalProc.Disks()]));
        MapProc("partitions", () => new JsonArray([.. LocalProc.Partitions()]));
        MapProcList("users", r => LocalProc.Users().Where(u => Matches(r, u["username"]!.GetValue<string>()) && (r.Query["login_enabled"] != "true" || u["login_enabled"]!.GetValue<bool>())));
        MapProcList("groups", r => LocalProc.Groups().Where(g => Matches(r, g["groupname"]!.GetValue<string>())));
        MapProcList("packages", r => LocalProc.Packages().Where(p => Matches(r, p["name"]!.GetValue<string>())));

        _app.MapGet("/api/events/events/", (HttpRequest r) =>
        {
            var server = r.Query["server"].ToString();
            var reporter = r.Query["reporter"].ToString();
            IEnumerable<JsonObject> items;
            lock (_gate)
            {
                items = [.. _events.Where(e => (server.Length == 0 || e["server"]!["id"]!.GetValue<string>() == server)
                    && (reporter.Length == 0 || e["reporter"]!.GetValue<string>() == reporter)
                    && (!r.Query.ContainsKey("search") || Matches(r, e["description"]!.GetValue<string>(), e["reporter"]!.GetValue<string>(), e["record"]!.GetValue<string>(), e["server"]!["name"]!.GetValue<string>())))];
            }

            if (r.Query["ordering"] == "-added_at")
            {
                items = items.OrderByDescending(e => e["added_at"]!.GetValue<string>(), StringComparer.Ordinal);
            }

            return FakeJson.Page(r, [.. items]);
        });
        _app.MapGet("/api/events/events/{id}/", (string id) => Find(_events, id) is { } e ? FakeJson.Json(e) : FakeJson.NotFound());

        MapNotes();
        MapIam("users", _users, ValidateUser);
        MapIam("groups", _groups, ValidateGroup);
        _app.MapGet("/api/iam/users/-/", () => FakeJson.Json(_users[0]));
        MapIam("../metrics/alert-rules", _rules, ValidateRule);
        _app.MapGet("/api/alerts/", (HttpRequest r) =>
        {
            lock (_gate)
            {
                return FakeJson.Page(r, [.. _alerts.Where(a => (r.Query["server"].Count == 0 || a["server"]!["id"]!.GetValue<string>() == r.Query["server"])
                    && (r.Query["status"].Count == 0 || a["status"]!.GetValue<string>() == r.Query["status"])
                    && (r.Query["acknowledged"].Count == 0 || a["acknowledged"]!.GetValue<bool>().ToString().Equals(r.Query["acknowledged"], StringComparison.OrdinalIgnoreCase)))]);
            }
        });
    }

    private IResult Series(HttpRequest r, string metric)
    {
        var server = Server(r.Query["server"]);
        if (r.Query["server"].Count == 0 || server is null)
        {
            return FakeJson.Invalid("server", "This field is required.");
        }

        if (!DateTimeOffset.TryParse(r.Query["start"], CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var start))
        {
            return FakeJson.Invalid("start", "This field is required.");
        }

        var end = DateTimeOffset.TryParse(r.Query["end"], CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var e) ? e : DateTimeOffset.UtcNow;
        if (metric == "disk-usage" && r.Query["device"].Count == 0 && r.Query["partition"].Count == 0)
        {
            return FakeJson.Error(400, "Either device or partition is required.", "invalid");
        }

        var seed = server.Id.GetHashCode(StringComparison.Ordinal) & 0xFF;
        var rows = new JsonArray();
        var step = TimeSpan.FromMinutes(5);
        for (var (t, i) = (start, 0); t <= end && i < 2016; t += step, i++)
        {
            var wave = 50 + (40 * Math.Sin((i + seed) / 6.0));
            var row = new JsonObject { ["timestamp"] = FakeJson.Time(t) };
            switch (metric)
            {
                case "cpu" or "memory":
                    row["usage"] = Math.Round(wave, 2);
                    break;
                case "disk-usage":
                    row["device"] = r.Query["device"].Count > 0 ? r.Query["device"].ToString() : "/dev/sda1";
                    row["mount_point"] = r.Query["partition"].Count > 0 ? r.Query["partition"].ToString() : "/";
                    row["total"] = 100_000_000_000L;
                    row["used"] = (long)(wave * 1_000_000_000);
                    row["free"] = 100_000_000_000L - (long)(wave * 1_000_000_000);
                    row["usage"] = Math.Round(wave, 2);
                    break;
                case "disk-io":
                    row["device"] = r.Query["device"].Count > 0 ? r.Query["device"].ToString() : "sda";
                    row["peak_read_bps"] = Math.Round(wave * 2000, 1);
                    row["peak_write_bps"] = Math.Round(wave * 1500, 1);
                    row["avg_read_bps"] = Math.Round(wave * 1000, 1);
                    row["avg_write_bps"] = Math.Round(wave * 700, 1);
                    break;
                default:
                    row["interface"] = r.Query["interface"].Count > 0 ? r.Query["interface"].ToString() : "eth0";
                    row["is_up"] = true;
                    row["peak_input_bps"] = Math.Round(wave * 10_000, 1);
                    row["peak_output_bps"] = Math.Round(wave * 8_000, 1);
                    row["avg_input_bps"] = Math.Round(wave * 5_000, 1);
                    row["avg_output_bps"] = Math.Round(wave * 4_000, 1);
                    row["peak_input_pps"] = Math.Round(wave * 10, 1);
                    row["peak_output_pps"] = Math.Round(wave * 8, 1);
                    break;
            }

            rows.Add(row);
        }

        return FakeJson.Json(new JsonObject { ["results"] = rows });
    }

    private void MapProc(string name, Func<JsonNode> read) =>
        _app.MapGet($"/api/proc/{name}/", (HttpRequest r) => Server(r.Query["server"]) is null ? FakeJson.Invalid("server", "This field is required.") : FakeJson.Json(read()));

    private void MapProcList(string name, Func<HttpRequest, IEnumerable<JsonNode>> read) =>
        _app.MapGet($"/api/proc/{name}/", (HttpRequest r) => Server(r.Query["server"]) is null ? FakeJson.Invalid("server", "This field is required.") : FakeJson.Page(r, [.. read(r)]));

    private void MapNotes()
    {
        _app.MapGet("/api/servers/notes/", (HttpRequest r) =>
        {
            lock (_gate)
            {
                return FakeJson.Page(r, [.. _notes.Where(n => r.Query["server"].Count == 0 || n["server"]!["id"]!.GetValue<string>() == r.Query["server"])]);
            }
        });
        _app.MapPost("/api/servers/notes/", async (HttpRequest r) =>
        {
            var body = await FakeJson.BodyAsync(r);
            if (body is null)
            {
                return FakeJson.Error(400, "JSON parse error.", "parse_error");
            }

            if (Server(body.Str("server")) is not { } server)
            {
                return FakeJson.Invalid("server", body.Str("server") is null ? "This field is required." : "Object does not exist.");
            }

            if (body.Str("content") is not { Length: > 0 } content)
            {
                return FakeJson.Invalid("content", "This field is required.");
            }

            var note = new JsonObject
            {
                ["id"] = Guid.NewGuid().ToString(),
                ["server"] = server.Summary(),
                ["author"] = new JsonObject { ["id"] = "u-1", ["name"] = "kim", ["email"] = "kim@example.com" },
                ["content"] = content,
                ["private"] = body.Bool("private") ?? false,
                ["pinned"] = body.Bool("pinned") ?? false,
                ["added_at"] = FakeJson.Time(DateTimeOffset.UtcNow),
            };
            lock (_gate)
            {
                _notes.Add(note);
            }

            return FakeJson.Json(note, 201);
        });
        _app.MapGet("/api/servers/notes/{id}/", (string id) => Find(_notes, id) is { } n ? FakeJson.Json(n) : FakeJson.NotFound());
        _app.MapDelete("/api/servers/notes/{id}/", (string id) => Remove(_notes, id) ? Results.StatusCode(204) : FakeJson.NotFound());
    }

    private void MapIam(string name, List<JsonObject> items, Func<JsonObject, JsonObject?, IResult?> validate)
    {
        var path = $"/api/iam/{name}/".Replace("/api/iam/../", "/api/", StringComparison.Ordinal);
        _app.MapGet(path, (HttpRequest r) =>
        {
            lock (_gate)
            {
                return FakeJson.Page(r, [.. items.Where(i => r.Query["server"].Count == 0 || (i["servers"] as JsonArray)?.Any(s => s?.GetValue<string>() == r.Query["server"]) == true)
                    .Where(i => Matches(r, i.Select(p => p.Value is JsonValue v && v.TryGetValue<string>(out var s) ? s : string.Empty).ToArray()))]);
            }
        });
        _app.MapPost(path, async (HttpRequest r) =>
        {
            var body = await FakeJson.BodyAsync(r);
            if (body is null)
            {
                return FakeJson.Error(400, "JSON parse error.", "parse_error");
            }

            lock (_gate)
            {
                if (validate(body, null) is { } problem)
                {
                    return problem;
                }

                body["id"] = Guid.NewGuid().ToString();
                items.Add(body);
                return FakeJson.Json(body, 201);
            }
        });
        _app.MapGet(path + "{id}/", (string id) => Find(items, id) is { } i ? FakeJson.Json(i) : FakeJson.NotFound());
        _app.MapMethods(path + "{id}/", ["PATCH"], async (string id, HttpRequest r) =>
        {
            var body = await FakeJson.BodyAsync(r);
            if (body is null)
            {
                return FakeJson.Error(400, "JSON parse error.", "parse_error");
            }

            lock (_gate)
            {
                if (Find(items, id) is not { } item)
                {
                    return FakeJson.NotFound();
                }

                if (validate(body, item) is { } problem)
                {
                    return problem;
                }

                foreach (var (key, value) in body.ToList())
                {
                    item[key] = value?.DeepClone();
                }

                return FakeJson.Json(item);
            }
        });
        _app.MapDelete(path + "{id}/", (string id) => Remove(items, id) ? Results.StatusCode(204) : FakeJson.NotFound());
    }

    private IResult? ValidateUser(JsonObject body, JsonObject? existing)
    {
        if (body.ContainsKey("id") || (existing is not null && body.ContainsKey("username")))
        {
            return FakeJson.Invalid(body.ContainsKey("id") ? "id" : "username", "This field is read-only.");
        }

        if (existing is null && body.Str("username") is not { Length: > 0 })
        {
            return FakeJson.Invalid("username", "This field is required.");
        }

        if (existing is null && _users.Any(u => u["username"]!.GetValue<string>() == body.Str("username")))
        {
            return FakeJson.Invalid("username", "A user with that username already exists.");
        }

        if ((existing is null || body.ContainsKey("email")) && body.Str("email") is not { } email || (body.Str("email") is { } e && !e.Contains('@', StringComparison.Ordinal)))
        {
            return FakeJson.Invalid("email", "Enter a valid email address.");
        }

        body.TryAdd("is_active", true);
        body.TryAdd("num_groups", 0);
        return null;
    }

    private IResult? ValidateGroup(JsonObject body, JsonObject? existing)
    {
        if (existing is null && body.Str("name") is not { Length: > 0 })
        {
            return FakeJson.Invalid("name", "This field is required.");
        }

        if (existing is null && _groups.Any(g => g["name"]!.GetValue<string>() == body.Str("name")))
        {
            return FakeJson.Invalid("name", "group with this name already exists.");
        }

        body.TryAdd("num_members", 0);
        return null;
    }

    private IResult? ValidateRule(JsonObject body, JsonObject? existing)
    {
        if (existing is null && body.Str("name") is not { Length: > 0 })
        {
            return FakeJson.Invalid("name", "This field is required.");
        }

        if ((existing is null || body.ContainsKey("metric_type")) && !MetricTypes.Contains(body.Str("metric_type") ?? string.Empty))
        {
            return FakeJson.Invalid("metric_type", $"\"{body.Str("metric_type")}\" is not a valid choice.");
        }

        if ((existing is null || body.ContainsKey("condition")) && !Conditions.Contains(body.Str("condition") ?? string.Empty))
        {
            return FakeJson.Invalid("condition", $"\"{body.Str("condition")}\" is not a valid choice.");
        }

        if ((existing is null || body.ContainsKey("threshold")) && body.Num("threshold") is null)
        {
            return FakeJson.Invalid("threshold", "A valid number is required.");
        }

        if (body["servers"] is JsonArray servers && servers.Any(s => Server(s?.GetValue<string>()) is null))
        {
            return FakeJson.Invalid("servers", "Invalid pk - object does not exist.");
        }

        return null;
    }

    private JsonObject? Find(List<JsonObject> items, string id)
    {
        lock (_gate)
        {
            return items.FirstOrDefault(i => i["id"]?.GetValue<string>() == id);
        }
    }

    private bool Remove(List<JsonObject> items, string id)
    {
        lock (_gate)
        {
            return items.RemoveAll(i => i["id"]?.GetValue<string>() == id) > 0;
        }
    }

    private static bool Matches(HttpRequest r, params string[] fields) =>
        r.Query["search"].ToString() is not { Length: > 0 } search || fields.Any(f => f.Contains(search, StringComparison.OrdinalIgnoreCase));
}
