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
    private static readonly (string Tool, Dictionary<string, object?> Arguments)[] Calls =
    [
        ("cloudways_status", []),
        ("credentials_status", []),
        ("hosts_list", new() { ["select"] = "backend=cloudways" }),
        ("cloudways_servers_list", new() { ["filter"] = "prod" }),
        ("cloudways_server_get", new() { ["server_id"] = 50482 }),
        ("cloudways_server_disk_usage", new() { ["server_id"] = 50482 }),
        ("cloudways_server_settings", new() { ["server_id"] = 50482 }),
        ("cloudways_server_monitor_summary", new() { ["server_id"] = 50482, ["kind"] = "disk" }),
        ("cloudways_server_monitor_detail", new() { ["server_id"] = 50482, ["metric"] = "Idle CPU", ["duration"] = "1 Hour" }),
        ("cloudways_server_usage", new() { ["server_id"] = 50482 }),
        ("cloudways_app_get", new() { ["server_id"] = 50482, ["app_id"] = 131933 }),
        ("cloudways_app_settings", new() { ["server_id"] = 50482, ["app_id"] = 131933 }),
        ("cloudways_app_monitor_summary", new() { ["server_id"] = 50482, ["app_id"] = 131933, ["kind"] = "summary" }),
        ("cloudways_app_analytics", new() { ["server_id"] = 50482, ["app_id"] = 131933, ["kind"] = "traffic", ["duration"] = "1d" }),
        ("cloudways_app_analytics", new() { ["server_id"] = 50482, ["app_id"] = 131933, ["kind"] = "mysql" }),
        ("cloudways_alerts_list", new() { ["limit"] = 4 }),
        ("cloudways_alert_mark_read", new() { ["alert_id"] = 1001 }),
        ("cloudways_projects_list", []),
        ("cloudways_team_list", []),
        ("cloudways_discovery", new() { ["what"] = "regions", ["provider"] = "do" }),
        ("cloudways_discovery", new() { ["what"] = "monitor_targets" }),
        ("cloudways_server_restart", new() { ["server_id"] = 50482 }),
        ("cloudways_server_stop", new() { ["host"] = "staging-vultr", ["wait"] = false }),
        ("cloudways_app_credentials", new() { ["server_id"] = 50482, ["app_id"] = 131933 }),
        ("cloudways_services", new() { ["server_id"] = 50482, ["app_id"] = 131933 }),
        ("cloudways_service_control", new() { ["server_id"] = 50482, ["service"] = "nginx", ["action"] = "restart" }),
        ("cloudways_cache", new() { ["server_id"] = 50482, ["app_id"] = 131933, ["action"] = "app_purge" }),
        ("cloudways_backups", new() { ["server_id"] = 50482, ["app_id"] = 131933 }),
        ("cloudways_backup_change", new() { ["server_id"] = 50482, ["app_id"] = 131933, ["action"] = "take" }),
        ("cloudways_ssl", new() { ["server_id"] = 50482, ["app_id"] = 131933, ["action"] = "le_install", ["email"] = "ops@example.test", ["domains"] = new[] { "shop.example.test" } }),
        ("cloudways_app_domain", new() { ["server_id"] = 50482, ["app_id"] = 131933, ["action"] = "https_on" }),
        ("cloudways_git_deploy", new() { ["server_id"] = 50482, ["app_id"] = 131933, ["action"] = "generate_key" }),
        ("cloudways_git", new() { ["server_id"] = 50482, ["app_id"] = 131933, ["what"] = "key" }),
        ("cloudways_whitelist_change", new() { ["server_id"] = 50482, ["action"] = "add", ["ips"] = new[] { "203.0.113.50" } }),
        ("cloudways_whitelist", new() { ["server_id"] = 50482 }),
        ("cloudways_maintenance", new() { ["server_id"] = 50482, ["action"] = "disk_cleanup" }),
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

        var results = new Dictionary<string, List<CallToolResult>>(StringComparer.Ordinal);
        foreach (var (tool, arguments) in Calls)
        {
            var result = await h.Client.CallToolAsync(tool, arguments);
            result.IsError.ShouldNotBe(true, $"{tool}: {Text(result)}");
            (results.TryGetValue(tool, out var list) ? list : results[tool] = []).Add(result);
        }

        JsonElement One(string tool) => results[tool][0].StructuredContent!.Value;

        // What the tools answered.
        One("cloudways_servers_list").GetProperty("servers").EnumerateArray().ShouldHaveSingleItem().GetProperty("host").GetString().ShouldBe("prod-do");
        One("cloudways_server_get").GetProperty("volume_size_gb").GetDouble().ShouldBe(50);
        One("cloudways_server_get").GetProperty("apps").GetArrayLength().ShouldBe(2);
        One("cloudways_server_get").GetProperty("ssh_keys")[0].GetProperty("label").GetString().ShouldBe("ops-laptop");
        One("cloudways_server_get").GetProperty("master_user").GetString().ShouldBe("master_50482");
        One("cloudways_server_disk_usage").GetProperty("result").GetProperty("total").GetString().ShouldBe("1.5G");
        One("cloudways_server_settings").GetProperty("data").GetProperty("upload_size").GetString().ShouldBe("64");
        var series = One("cloudways_server_monitor_summary").GetProperty("series");
        series.GetArrayLength().ShouldBe(2);
        series[0].GetProperty("points")[0].GetProperty("at").GetString().ShouldBe("2024-11-05T09:46:40+00:00");
        One("cloudways_server_monitor_detail").GetProperty("data").GetProperty("datapoints").GetArrayLength().ShouldBe(5);
        One("cloudways_server_usage").GetProperty("result").GetProperty("cpu_percent").GetString().ShouldBe("12");
        One("cloudways_app_get").GetProperty("cname").GetString().ShouldBe("shop.example.test");
        One("cloudways_app_settings").GetProperty("fpm").GetProperty("response").GetProperty("settings").GetString()!.ShouldContain("php_admin_value[memory_limit] = 256M");
        One("cloudways_app_monitor_summary").GetProperty("raw").GetProperty("total").GetString().ShouldBe("356");
        results["cloudways_app_analytics"][0].StructuredContent!.Value.GetProperty("data").GetProperty("top_ips").GetArrayLength().ShouldBe(2);
        results["cloudways_app_analytics"][1].StructuredContent!.Value.GetProperty("data").GetProperty("data").GetProperty("resource").GetString().ShouldBe("slow_queries");
        One("cloudways_alerts_list").GetProperty("alerts").GetArrayLength().ShouldBe(4);
        h.Fake.State.Alerts[0].Read.ShouldBeTrue();
        One("cloudways_projects_list").GetProperty("total").GetInt32().ShouldBe(3);
        One("cloudways_team_list").GetProperty("members").EnumerateArray().Select(m => m.GetProperty("full_access").GetBoolean()).ShouldBe([false, true]);
        One("cloudways_discovery").GetProperty("data").EnumerateObject().Select(p => p.Name).ShouldBe(["do"]);
        One("cloudways_server_restart").GetProperty("state").GetString().ShouldBe("completed");
        One("cloudways_server_stop").GetProperty("state").GetString().ShouldBe("running");
        var credential = One("cloudways_app_credentials").GetProperty("credentials")[0];
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
        var outputs = results.Where(r => r.Key != "cloudways_app_credentials").SelectMany(r => r.Value)
            .Select(r => Text(r) + r.StructuredContent?.GetRawText()).ToList();
        var credentialOutput = results["cloudways_app_credentials"].Select(r => Text(r) + r.StructuredContent?.GetRawText()).Single();
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
