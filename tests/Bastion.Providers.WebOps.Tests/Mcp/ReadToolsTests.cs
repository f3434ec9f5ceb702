using Bastion.Fakes.WebOps;
using Bastion.Fakes.WebOps.Faults;
using static Bastion.Providers.WebOps.Tests.Mcp.ToolResults;

namespace Bastion.Providers.WebOps.Tests.Mcp;

/// <summary>The read tools through a real MCP client in read-only mode (the default), against a seeded fake.</summary>
public sealed class ReadToolsTests : IAsyncLifetime
{
    private FakeWebOps _fake = null!;
    private WebOpsHarness _bastion = null!;

    public async Task InitializeAsync()
    {
        _fake = await FakeWebOps.StartAsync();
        _fake.Mutate(s =>
        {
            s.Create("admin", "shop-api", "https://git.example.org/acme/shop.git", "main", "shop.example.org", new() { ["ENVIRONMENT"] = "production", ["DB_PASSWORD"] = "pw-in-env-123456" }, "running");
            s.Create("admin", "shop-web", "https://git.example.org/acme/shop-node.git", "main", string.Empty, new() { ["ENVIRONMENT"] = "staging" }, "running");
            s.Create("admin", "blog", "https://git.example.org/me/blog.git", "main", string.Empty, [], "stopped");
            s.Create("someone-else", "theirs", "https://git.example.org/x/y.git", "main", string.Empty, [], "running");
            s.Health.CriticalAlerts = 1;
        });
        _bastion = await WebOpsHarness.StartAsync(WebOpsHarness.SessionVault(_fake), mcp: true, mode: Core.Policy.Mode.ReadOnly,
            options: WebOpsHarness.FastOptions with { PageSize = 2 });
    }

    public async Task DisposeAsync()
    {
        await _bastion.DisposeAsync();
        await _fake.DisposeAsync();
    }

    private async Task<System.Text.Json.JsonElement> CallAsync(string tool, Dictionary<string, object?>? arguments = null) =>
        Ok(await _bastion.Mcp.CallToolAsync(tool, arguments ?? []));

    /// <summary>webops_deployment with <paramref name="resource"/>: the answer's part under the resource's name.</summary>
    private async Task<System.Text.Json.JsonElement> DeploymentAsync(string resource, Dictionary<string, object?>? arguments = null) =>
        (await CallAsync("webops_deployment", new Dictionary<string, object?>(arguments ?? []) { ["resource"] = resource })).GetProperty(resource);

    /// <summary>webops_status with <paramref name="resource"/>: the answer's part under the resource's name.</summary>
    private async Task<System.Text.Json.JsonElement> ServerAsync(string resource, Dictionary<string, object?>? arguments = null) =>
        (await CallAsync("webops_status", new Dictionary<string, object?>(arguments ?? []) { ["resource"] = resource })).GetProperty(resource);

    private static IEnumerable<string?> Names(System.Text.Json.JsonElement list) =>
        list.GetProperty("deployments").EnumerateArray().Select(d => d.GetProperty("name").GetString());

    [Fact]
    public async Task List_ReadsEveryPage_NewestFirst_OnlyTheCallersDeployments()
    {
        var list = await DeploymentAsync("list");
        Names(list).ShouldBe(["blog", "shop-web", "shop-api"]);
        list.GetProperty("total").GetInt32().ShouldBe(3);
        list.GetProperty("truncated").GetBoolean().ShouldBeFalse();
        _fake.Count("GET", "/api/deployments/").ShouldBe(2, "two pages of two");
    }

    [Fact]
    public async Task List_FiltersByStatusOnWebOps_AndByNameAndEnvironmentItself()
    {
        Names(await DeploymentAsync("list", new() { ["status"] = "running" })).ShouldBe(["shop-web", "shop-api"]);
        Names(await DeploymentAsync("list", new() { ["name_contains"] = "SHOP", ["limit"] = 1 })).ShouldBe(["shop-web"]);

        var production = await DeploymentAsync("list", new() { ["environment"] = "production" });
        Names(production).ShouldBe(["shop-api"]);
        production.GetProperty("notes").EnumerateArray().Select(n => n.GetString()).ShouldContain(n => n!.StartsWith("environment is not a WebOps field", StringComparison.Ordinal));
    }

    [Fact]
    public async Task List_CutAtLimit_SaysSo()
    {
        var list = await DeploymentAsync("list", new() { ["limit"] = 2 });
        Names(list).ShouldBe(["blog", "shop-web"]);
        list.GetProperty("total").GetInt32().ShouldBe(3);
        list.GetProperty("truncated").GetBoolean().ShouldBeTrue();
        list.GetProperty("notes").EnumerateArray().Single().GetString().ShouldBe("Showing 2 of 3 deployments; raise limit or narrow the filter to see others.");
    }

    [Fact]
    public async Task Show_GivesTheEnvironment_AndVariableNamesOnly()
    {
        var detail = await DeploymentAsync("record", new() { ["name"] = "shop-api" });
        detail.GetProperty("environment").GetString().ShouldBe("production");
        detail.GetProperty("env_var_names").EnumerateArray().Select(n => n.GetString()).ShouldBe(["DB_PASSWORD", "ENVIRONMENT"]);
        detail.GetRawText().ShouldNotContain("pw-in-env-123456");
        detail.GetProperty("deployment").GetProperty("domain").GetString().ShouldBe("shop.example.org");
    }

    [Fact]
    public async Task Status_OfAStoppedApp_HasNoProcessFigures()
    {
        var status = await DeploymentAsync("status", new() { ["name"] = "blog" });
        status.GetProperty("process").GetProperty("status").GetString().ShouldBe("stopped");
        status.GetProperty("process").GetProperty("pid").ValueKind.ShouldBe(System.Text.Json.JsonValueKind.Null);
    }

    [Fact]
    public async Task Status_WhenWebOpsCannotReportTheProcess_StillAnswers_WithANote()
    {
        _fake.Inject(Fault.Unavailable("/monitoring/api/service/", "GET", times: 3));

        var status = await DeploymentAsync("status", new() { ["name"] = "shop-api" });

        status.GetProperty("deployment").GetProperty("status").GetString().ShouldBe("running");
        status.GetProperty("process").ValueKind.ShouldBe(System.Text.Json.JsonValueKind.Null);
        status.GetProperty("notes").EnumerateArray().First().GetString()
            .ShouldBe("Process metrics unavailable: WebOps: GET /monitoring/api/service/1/status/ failed on the server (HTTP 503): 503 Service Unavailable.");
    }

    [Fact]
    public async Task Logs_FilterByTimeRange()
    {
        _fake.Mutate(s =>
        {
            var blog = s.Deployments.Single(d => d.Name == "blog");
            blog.Logs.Clear();
            blog.Logs.Add(new(100, "info", "old", DateTimeOffset.Parse("2025-11-01T10:00:00Z", System.Globalization.CultureInfo.InvariantCulture)));
            blog.Logs.Add(new(101, "error", "in range", DateTimeOffset.Parse("2025-11-02T10:00:00Z", System.Globalization.CultureInfo.InvariantCulture)));
            blog.Logs.Add(new(102, "info", "new", DateTimeOffset.Parse("2025-11-03T10:00:00Z", System.Globalization.CultureInfo.InvariantCulture)));
        });

        var logs = await DeploymentAsync("logs", new() { ["name"] = "blog", ["since"] = "2025-11-02T00:00:00Z", ["until"] = "2025-11-03T00:00:00Z" });
        logs.GetProperty("entries").EnumerateArray().Select(e => e.GetProperty("message").GetString()).ShouldBe(["in range"]);
        logs.GetProperty("matched").GetInt32().ShouldBe(1);

        var newest = await DeploymentAsync("logs", new() { ["name"] = "blog", ["limit"] = 2 });
        newest.GetProperty("entries").EnumerateArray().Select(e => e.GetProperty("message").GetString()).ShouldBe(["in range", "new"]);
        newest.GetProperty("truncated").GetBoolean().ShouldBeTrue();
    }

    [Fact]
    public async Task SystemHealth_GivesWebOpsVerdict_WhyNot_AndHistory()
    {
        var health = await ServerAsync("health", new() { ["history_hours"] = 6 });
        health.GetProperty("healthy").GetBoolean().ShouldBeFalse();
        health.GetProperty("notes").EnumerateArray().Single().GetString().ShouldBe("WebOps reports itself unhealthy: 1 critical alert(s) unacknowledged.");
        health.GetProperty("resources").GetProperty("load_average_1m").GetDouble().ShouldBe(0.42);
        health.GetProperty("history").GetProperty("samples").GetInt32().ShouldBe(72);
        var cpu = health.GetProperty("history").GetProperty("cpu_percent");
        cpu.GetProperty("max").GetDouble().ShouldBeGreaterThan(cpu.GetProperty("min").GetDouble());
        health.GetProperty("deployments").GetProperty("checked").GetInt32().ShouldBe(3);
        health.GetProperty("background_workers").GetProperty("worker_count").GetInt32().ShouldBe(2);
    }

    [Fact]
    public async Task SecurityAudit_GivesComplianceFigures_AndSaysWhatTheyAreWorth()
    {
        var audit = await ServerAsync("security");
        audit.GetProperty("controls").GetInt32().ShouldBe(42);
        audit.GetProperty("automation_percent").GetDouble().ShouldBe(71.4);
        audit.GetProperty("open_alerts").GetInt32().ShouldBe(1);
        audit.GetProperty("notes").EnumerateArray().Select(n => n.GetString()).ShouldContain(n => n!.Contains("placeholder"));
    }

    [Fact]
    public async Task ReadOnlyMode_ServesTheReadTools_AndRefusesActions()
    {
        var names = (await _bastion.Mcp.ListToolsAsync()).Select(t => t.Name).Where(n => n.StartsWith("webops_", StringComparison.Ordinal)).ToList();
        names.ShouldBe(["webops_status", "webops_deployment"]);

        var refused = await _bastion.Mcp.CallToolAsync("webops_deployment_control", new Dictionary<string, object?> { ["name"] = "blog", ["action"] = "stop" });
        refused.IsError.ShouldBe(true);
        Text(refused).ShouldContain("read-only mode");
        _fake.Count("POST", "/api/").ShouldBe(0);
    }
}
