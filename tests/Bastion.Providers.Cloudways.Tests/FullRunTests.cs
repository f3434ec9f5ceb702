using System.Text.Json;
using Bastion.Core.Policy;
using Bastion.Providers.Cloudways.Apps;
using ModelContextProtocol.Client;
using ModelContextProtocol.Protocol;

namespace Bastion.Providers.Cloudways.Tests;

/// <summary>
/// Every Cloudways tool through the pipeline, checked for what it answers; then the redaction check: no API key, access
/// token, exchanged token, master password or app password in any log line or audit line, and no key, token or
/// master password in any tool output (app passwords belong only in cloudways_app_credentials' own output).
/// </summary>
public sealed class FullRunTests
{
    private static readonly (string Label, string Tool, Dictionary<string, object?> Arguments)[] Calls =
    [
        ("status", "cloudways_status", []),
        ("credentials_status", "credentials_status", []),
        ("hosts", "hosts_list", new() { ["select"] = "backend=cloudways" }),
        ("servers", "cloudways_list", new() { ["resource"] = "servers", ["filter"] = "prod" }),
        ("server", "cloudways_server", new() { ["server_id"] = 50482, ["resource"] = "details" }),
        ("disk_usage", "cloudways_server", new() { ["server_id"] = 50482, ["resource"] = "disk_usage" }),
        ("server_settings", "cloudways_server", new() { ["server_id"] = 50482, ["resource"] = "settings" }),
        ("server_disk", "cloudways_server", new() { ["server_id"] = 50482, ["resource"] = "disk" }),
        ("monitor", "cloudways_server", new() { ["server_id"] = 50482, ["resource"] = "monitor", ["metric"] = "Idle CPU", ["duration"] = "1 Hour" }),
        ("usage", "cloudways_server", new() { ["server_id"] = 50482, ["resource"] = "usage" }),
        ("app", "cloudways_app", new() { ["server_id"] = 50482, ["app_id"] = 131933, ["resource"] = "details" }),
        ("app_settings", "cloudways_app", new() { ["server_id"] = 50482, ["app_id"] = 131933, ["resource"] = "settings" }),
        ("app_sizes", "cloudways_app", new() { ["server_id"] = 50482, ["app_id"] = 131933, ["resource"] = "sizes" }),
        ("traffic", "cloudways_app", new() { ["server_id"] = 50482, ["app_id"] = 131933, ["resource"] = "traffic", ["duration"] = "1d" }),
        ("mysql", "cloudways_app", new() { ["server_id"] = 50482, ["app_id"] = 131933, ["resource"] = "mysql" }),
        ("alerts", "cloudways_list", new() { ["resource"] = "alerts", ["limit"] = 4 }),
        ("mark_read", "cloudways_alert_mark_read", new() { ["alert_id"] = 1001 }),
        ("projects", "cloudways_list", new() { ["resource"] = "projects" }),
        ("team", "cloudways_list", new() { ["resource"] = "team" }),
        ("regions", "cloudways_list", new() { ["resource"] = "regions", ["provider"] = "do" }),
        ("monitor_targets", "cloudways_list", new() { ["resource"] = "monitor_targets" }),
        ("restart", "cloudways_server_change", new() { ["server_id"] = 50482, ["action"] = "restart" }),
        ("stop", "cloudways_server_change", new() { ["host"] = "staging-vultr", ["action"] = "stop", ["wait"] = false }),
        ("credentials", "cloudways_app_credentials", new() { ["server_id"] = 50482, ["app_id"] = 131933 }),
        ("services", "cloudways_server", new() { ["server_id"] = 50482, ["resource"] = "services", ["app_id"] = 131933 }),
        ("service_restart", "cloudways_server_change", new() { ["server_id"] = 50482, ["service"] = "nginx", ["action"] = "service_restart" }),
        ("cache_purge", "cloudways_app_change", new() { ["server_id"] = 50482, ["app_id"] = 131933, ["action"] = "cache_purge" }),
        ("backups", "cloudways_app", new() { ["server_id"] = 50482, ["app_id"] = 131933, ["resource"] = "backups" }),
        ("backup", "cloudways_app_change", new() { ["server_id"] = 50482, ["app_id"] = 131933, ["action"] = "backup" }),
        ("le_install", "cloudways_app_change", new() { ["server_id"] = 50482, ["app_id"] = 131933, ["action"] = "le_install", ["email"] = "ops@example.test", ["domains"] = new[] { "shop.example.test" } }),
        ("https_on", "cloudways_app_change", new() { ["server_id"] = 50482, ["app_id"] = 131933, ["action"] = "https_on" }),
        ("git_key", "cloudways_app_change", new() { ["server_id"] = 50482, ["app_id"] = 131933, ["action"] = "git_key" }),
        ("read_git_key", "cloudways_app", new() { ["server_id"] = 50482, ["app_id"] = 131933, ["resource"] = "git_key" }),
        ("whitelist_add", "cloudways_server_change", new() { ["server_id"] = 50482, ["action"] = "sftp_whitelist_add", ["ips"] = new[] { "203.0.113.50" } }),
        ("whitelist", "cloudways_server", new() { ["server_id"] = 50482, ["resource"] = "sftp_whitelist" }),
        ("disk_cleanup", "cloudways_server_change", new() { ["server_id"] = 50482, ["action"] = "disk_cleanup" }),
    ];

    private static McpClientOptions Approving() => new()
    {
        Handlers = new McpClientHandlers
        {
            ElicitationHandler = (_, _) => ValueTask.FromResult(new ElicitResult { Action = "accept", Content = new Dictionary<string, JsonElement> { ["approve"] = JsonSerializer.SerializeToElement(true) } }),
        },
    };

    private static string Text(CallToolResult result) => string.Join("\n", result.Content.OfType<TextContentBlock>().Select(c => c.Text));

    [Theory]
    [InlineData("api_key")]
    [InlineData("access_token")]
    public async Task EveryTool_Answers_AndNoSecretLeaks_IntoOutputsLogsOrAudit(string auth)
    {
        var vault = auth == "api_key"
            ? new Dictionary<string, string> { [CloudwaysVault.Email] = Harness.Email, [CloudwaysVault.ApiKey] = Harness.ApiKey }
            : new Dictionary<string, string> { [CloudwaysVault.AccessToken] = Harness.FullToken };
        await using var h = await Harness.StartAsync(vault, mode: Mode.Admin, session: true, client: Approving());

        var results = new Dictionary<string, CallToolResult>(StringComparer.Ordinal);
        foreach (var (label, tool, arguments) in Calls)
        {
            var result = await h.Client.CallToolAsync(tool, arguments);
            result.IsError.ShouldNotBe(true, $"{label} ({tool}): {Text(result)}");
            results.Add(label, result);
        }

        JsonElement One(string label) => results[label].StructuredContent!.Value;

        // What the tools answered.
        One("servers").GetProperty("resource").GetString().ShouldBe("servers");
        One("servers").GetProperty("servers").GetProperty("servers").EnumerateArray().ShouldHaveSingleItem().GetProperty("host").GetString().ShouldBe("prod-do");
        var server = One("server").GetProperty("details");
        server.GetProperty("volume_size_gb").GetDouble().ShouldBe(50);
        server.GetProperty("apps").GetArrayLength().ShouldBe(2);
        server.GetProperty("ssh_keys")[0].GetProperty("label").GetString().ShouldBe("ops-laptop");
        server.GetProperty("master_user").GetString().ShouldBe("master_50482");
        One("server").GetProperty("data").ValueKind.ShouldBe(JsonValueKind.Null);
        One("disk_usage").GetProperty("report").GetProperty("result").GetProperty("total").GetString().ShouldBe("1.5G");
        One("server_settings").GetProperty("data").GetProperty("data").GetProperty("upload_size").GetString().ShouldBe("64");
        var series = One("server_disk").GetProperty("summary").GetProperty("series");
        series.GetArrayLength().ShouldBe(2);
        series[0].GetProperty("points")[0].GetProperty("at").GetString().ShouldBe("2024-11-05T09:46:40+00:00");
        One("monitor").GetProperty("data").GetProperty("data").GetProperty("datapoints").GetArrayLength().ShouldBe(5);
        One("usage").GetProperty("report").GetProperty("result").GetProperty("cpu_percent").GetString().ShouldBe("12");
        One("app").GetProperty("details").GetProperty("cname").GetString().ShouldBe("shop.example.test");
        One("app_settings").GetProperty("settings").GetProperty("fpm").GetProperty("response").GetProperty("settings").GetString()!.ShouldContain("php_admin_value[memory_limit] = 256M");
        One("app_sizes").GetProperty("summary").GetProperty("raw").GetProperty("total").GetString().ShouldBe("356");
        One("traffic").GetProperty("data").GetProperty("data").GetProperty("top_ips").GetArrayLength().ShouldBe(2);
        One("mysql").GetProperty("data").GetProperty("data").GetProperty("data").GetProperty("resource").GetString().ShouldBe("slow_queries");
        One("alerts").GetProperty("alerts").GetProperty("alerts").GetArrayLength().ShouldBe(4);
        h.Fake.State.Alerts[0].Read.ShouldBeTrue();
        One("projects").GetProperty("projects").GetProperty("total").GetInt32().ShouldBe(3);
        One("team").GetProperty("team").GetProperty("members").EnumerateArray().Select(m => m.GetProperty("full_access").GetBoolean()).ShouldBe([false, true]);
        One("regions").GetProperty("catalogue").GetProperty("data").EnumerateObject().Select(p => p.Name).ShouldBe(["do"]);
        One("restart").GetProperty("power").GetProperty("state").GetString().ShouldBe("completed");
        One("restart").GetProperty("change").ValueKind.ShouldBe(JsonValueKind.Null);
        One("stop").GetProperty("power").GetProperty("state").GetString().ShouldBe("running");
        One("service_restart").GetProperty("change").GetProperty("call").GetString().ShouldBe("POST /service/state");
        One("whitelist").GetProperty("data").GetProperty("data").GetProperty("ip_list").EnumerateArray().Select(i => i.GetString()).ShouldContain("203.0.113.50");
        var credential = One("credentials").GetProperty("credentials")[0];
        credential.GetProperty("sys_user").GetString().ShouldBe("shopusr1");

        // The redaction check.
        var servers = h.Fake.State.Servers;
        var keysAndTokens = new List<string> { Harness.ApiKey, Harness.FullToken, Harness.ReadToken };
        keysAndTokens.AddRange(h.Fake.State.Tokens.Where(t => t.ApiKey is not null).Select(t => t.Value));
        if (auth == "api_key")
        {
            h.Fake.State.Tokens.Count(t => t.ApiKey is not null).ShouldBeGreaterThan(0);
        }

        var masterPasswords = servers.Select(s => s.MasterPassword).ToList();
        var appPasswords = servers.SelectMany(s => s.Apps).Select(a => a.SysPassword).ToList();
        var outputs = results.Where(r => r.Key != "credentials").Select(r => Text(r.Value) + r.Value.StructuredContent?.GetRawText()).ToList();
        var credentialOutput = Text(results["credentials"]) + results["credentials"].StructuredContent?.GetRawText();
        var logs = h.Logs.Lines;
        var audit = h.AuditText();

        logs.Count.ShouldBeGreaterThan(Calls.Length, "the run must have logged (protocol messages at Trace level)");
        audit.ShouldContain("cloudways_app_credentials");
        foreach (var secret in keysAndTokens.Concat(masterPasswords).Concat(appPasswords))
        {
            logs.ShouldNotContain(l => l.Contains(secret, StringComparison.Ordinal), $"a log line holds {secret[..6]}…");
            audit.ShouldNotContain(secret);
        }

        foreach (var secret in keysAndTokens.Concat(masterPasswords).Concat(appPasswords))
        {
            outputs.ShouldNotContain(o => o.Contains(secret, StringComparison.Ordinal), $"a tool output holds {secret[..6]}…");
        }

        foreach (var secret in keysAndTokens.Concat(masterPasswords))
        {
            credentialOutput.ShouldNotContain(secret);
        }
    }

    [Fact]
    public async Task TheAppCredentialsTool_ReturnsThePassword_ItIsThereFor()
    {
        // The tool itself (the pipeline decides what leaves Bastion; see PipelineTests).
        await using var h = await Harness.StartAsync();

        var list = await h.Get<CloudwaysAppCredentialTools>().CredentialsAsync(50482, 131933);

        var credential = list.Credentials.ShouldHaveSingleItem();
        credential.SysUser.ShouldBe("shopusr1");
        credential.SysPassword.ShouldBe("appPw-Shop-91c3e7a2");
        credential.SshKeys.ShouldHaveSingleItem().Label.ShouldBe("laptop");
    }
}
