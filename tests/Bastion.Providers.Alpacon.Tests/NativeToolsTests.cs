using System.Text.Json;

namespace Bastion.Providers.Alpacon.Tests;

/// <summary>The alpacon_* tools that read what Alpacon knows, through a real MCP client against the fake.</summary>
public sealed class NativeToolsTests : IAsyncLifetime
{
    private AlpaconHarness _harness = null!;

    public async Task InitializeAsync() => _harness = await AlpaconHarness.StartAsync(mode: Core.Policy.Mode.Operator);

    public async Task DisposeAsync() => await _harness.DisposeAsync();

    [Fact]
    public async Task ServersList_ShowsAlpaconsState_AndTheBastionHostName()
    {
        _harness.Fake.Servers[1].Connected = false;
        var result = await _harness.CallAsync("alpacon_servers_list", new());
        var servers = result.GetProperty("servers").EnumerateArray().ToDictionary(s => s.GetProperty("name").GetString()!);
        servers["web-01"].GetProperty("host").GetString().ShouldBe("web-01");
        servers["web-01"].GetProperty("connected").GetBoolean().ShouldBeTrue();
        servers["db-01"].GetProperty("connected").GetBoolean().ShouldBeFalse();
        servers["web-01"].GetProperty("memory_bytes").GetInt64().ShouldBe(17179869184L);
    }

    [Fact]
    public async Task MetricsSeries_SummarisesTheRange()
    {
        var start = DateTimeOffset.UtcNow.AddHours(-2).ToString("O");
        var cpu = await _harness.CallAsync("alpacon_metrics_series", new() { ["host"] = "web-01", ["metric"] = "cpu", ["start"] = start, ["limit"] = 5 });
        cpu.GetProperty("source").GetString().ShouldBe("/api/metrics/realtime/cpu/");
        cpu.GetProperty("points").GetInt32().ShouldBe(25);
        cpu.GetProperty("rows").GetArrayLength().ShouldBe(5);
        var usage = cpu.GetProperty("statistics").EnumerateArray().Single(f => f.GetProperty("field").GetString() == "usage");
        usage.GetProperty("points").GetInt32().ShouldBe(25);
        usage.GetProperty("max").GetDouble().ShouldBeGreaterThanOrEqualTo(usage.GetProperty("avg").GetDouble());
        usage.GetProperty("min").GetDouble().ShouldBeLessThanOrEqualTo(usage.GetProperty("avg").GetDouble());

        var disk = await _harness.CallAsync("alpacon_metrics_series", new() { ["host"] = "web-01", ["metric"] = "disk_usage", ["start"] = start });
        disk.GetProperty("subject").GetString().ShouldBe("/dev/sda1");
        disk.GetProperty("notes").EnumerateArray().First().GetString()!.ShouldContain("first device");

        var traffic = await _harness.CallAsync("alpacon_metrics_series", new() { ["host"] = "web-01", ["metric"] = "traffic", ["interface"] = "eth1", ["start"] = start });
        traffic.GetProperty("statistics").EnumerateArray().Select(f => f.GetProperty("field").GetString()).ShouldContain("peak_input_bps");
        traffic.GetProperty("rows")[0].GetProperty("interface").GetString().ShouldBe("eth1");

        var top = await _harness.CallAsync("alpacon_metrics_top", new() { ["metric"] = "memory" });
        top.GetProperty("items").GetArrayLength().ShouldBe(2);
    }

    [Fact]
    public async Task SystemInfo_PassesThroughWhatTheAgentReported()
    {
        var users = await _harness.CallAsync("alpacon_system_info", new() { ["host"] = "web-01", ["what"] = "users", ["search"] = "root" });
        users.GetProperty("source").GetString().ShouldBe("/api/proc/users/");
        users.GetProperty("items").EnumerateArray().Select(u => u.GetProperty("username").GetString()).ShouldContain("root");

        var os = await _harness.CallAsync("alpacon_system_info", new() { ["host"] = "web-01", ["what"] = "os" });
        os.GetProperty("items").GetArrayLength().ShouldBe(1);
        os.GetProperty("items")[0].GetProperty("name").GetString().ShouldNotBeNullOrEmpty();

        var error = await _harness.ErrorAsync("alpacon_system_info", new() { ["host"] = "nowhere" });
        error.ShouldContain("nowhere");
    }

    [Fact]
    public async Task EventsList_SearchesAndBoundsTheAnswer()
    {
        var recent = await _harness.CallAsync("alpacon_events_list", new() { ["limit"] = 10 });
        recent.GetProperty("total").GetInt32().ShouldBe(130);
        recent.GetProperty("truncated").GetBoolean().ShouldBeTrue();
        recent.GetProperty("events").GetArrayLength().ShouldBe(10);
        recent.GetProperty("events")[0].GetProperty("id").GetString().ShouldBe("e-0129");
        recent.GetProperty("notes").GetArrayLength().ShouldBe(1);

        var search = await _harness.CallAsync("alpacon_events_list", new() { ["host"] = "db-01", ["search"] = "restart", ["limit"] = 1000 });
        var events = search.GetProperty("events").EnumerateArray().ToList();
        events.ShouldNotBeEmpty();
        events.ShouldAllBe(e => e.GetProperty("server").GetString() == "db-01" && e.GetProperty("record").GetString() == "restart");
        search.GetProperty("truncated").GetBoolean().ShouldBeFalse();
    }

    [Fact]
    public async Task Notes_CreateThenList()
    {
        var created = await _harness.CallAsync("alpacon_notes_create", new() { ["host"] = "db-01", ["content"] = "disk replaced 2025-11-08", ["pinned"] = true });
        created.GetProperty("pinned").GetBoolean().ShouldBeTrue();
        var notes = await _harness.CallAsync("alpacon_notes_list", new() { ["host"] = "db-01" });
        notes.GetProperty("notes").EnumerateArray().Single().GetProperty("content").GetString().ShouldBe("disk replaced 2025-11-08");
        (await _harness.CallAsync("alpacon_notes_list", new() { ["host"] = "web-01" })).GetProperty("notes").GetArrayLength().ShouldBe(0);
    }

    [Fact]
    public async Task AlertRules_CreateChangeDelete_WithConfirmationForTheDestructiveOnes()
    {
        var rules = await _harness.CallAsync("alpacon_alert_rules_list", new() { ["host"] = "web-01" });
        rules.GetProperty("items").GetArrayLength().ShouldBe(1);

        var created = await _harness.CallAsync("alpacon_alert_rule_create", new() { ["name"] = "mem", ["metric_type"] = "memory", ["condition"] = "gte", ["threshold"] = 85, ["hosts"] = new[] { "db-01" } });
        var id = created.GetProperty("item").GetProperty("id").GetString()!;
        created.GetProperty("item").GetProperty("servers")[0].GetString().ShouldBe(_harness.Fake.Servers[1].Id);

        var changed = await _harness.CallAsync("alpacon_alert_rule_update", new() { ["id"] = id, ["threshold"] = 95, ["enabled"] = false });
        changed.GetProperty("item").GetProperty("threshold").GetDouble().ShouldBe(95);
        changed.GetProperty("item").GetProperty("enabled").GetBoolean().ShouldBeFalse();

        var invalid = await _harness.ErrorAsync("alpacon_alert_rule_create", new() { ["name"] = "x", ["metric_type"] = "temperature", ["condition"] = "gt", ["threshold"] = 1 });
        invalid.ShouldContain("metric_type");

        await _harness.CallAsync("alpacon_alert_rule_delete", new() { ["id"] = id });
        (await _harness.CallAsync("alpacon_alert_rules_list", new())).GetProperty("items").GetArrayLength().ShouldBe(1);

        var alerts = await _harness.CallAsync("alpacon_alerts_list", new() { ["acknowledged"] = false });
        alerts.GetProperty("items").GetArrayLength().ShouldBe(1);
    }

    [Fact]
    public async Task AlpaconTools_RefuseHostsThatAreNotAlpaconServers()
    {
        await using var other = await AlpaconHarness.StartAsync(inventory: [Core.Inventory.Host.Ssh("plain", "127.0.0.1")]);
        var error = await other.ErrorAsync("alpacon_notes_list", new() { ["host"] = "plain" });
        error.ShouldContain("not an Alpacon server");
    }

    [Fact]
    public async Task ReadOnlyMode_ServesTheReadTools_Only()
    {
        await using var readOnly = await AlpaconHarness.StartAsync(mode: Core.Policy.Mode.ReadOnly);
        var tools = (await readOnly.Client.ListToolsAsync()).Select(t => t.Name).Where(n => n.StartsWith("alpacon_", StringComparison.Ordinal)).ToList();
        tools.ShouldContain("alpacon_metrics_series");
        tools.ShouldContain("alpacon_iam_users_list");
        tools.ShouldNotContain("alpacon_notes_create");
        tools.ShouldNotContain("alpacon_iam_user_delete");
        tools.ShouldNotContain("alpacon_webftp_upload");
        var annotations = (await readOnly.Client.ListToolsAsync()).Where(t => t.Name.StartsWith("alpacon_", StringComparison.Ordinal)).ToList();
        annotations.ShouldAllBe(t => t.ProtocolTool.Annotations!.ReadOnlyHint == true);
    }

    [Fact]
    public void Toolsets_ListEveryToolClass_UnderTheAlpaconName()
    {
        AlpaconSetup.Toolsets.Count.ShouldBe(9); // notes, alert rules and IAM keep their read and write tools in one class each
        Mcp.Catalog.ToolCatalog.ToolsetNamesOf(AlpaconSetup.Toolsets).ShouldBe(["alpacon"]);
        var names = Mcp.Catalog.ToolCatalog.ToolNamesOf(AlpaconSetup.Toolsets);
        names.ShouldAllBe(n => n.StartsWith("alpacon_", StringComparison.Ordinal));
        names.Distinct().Count().ShouldBe(names.Count);
    }

    public static JsonElement First(JsonElement array) => array.EnumerateArray().First();
}
