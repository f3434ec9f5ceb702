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
        var result = await _harness.CallAsync("alpacon_list", new() { ["resource"] = "servers" });
        result.GetProperty("resource").GetString().ShouldBe("servers");
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
        var cpu = (await _harness.CallAsync("alpacon_list", new() { ["resource"] = "metrics", ["host"] = "web-01", ["metric"] = "cpu", ["start"] = start, ["limit"] = 5 })).GetProperty("series");
        cpu.GetProperty("source").GetString().ShouldBe("/api/metrics/realtime/cpu/");
        cpu.GetProperty("points").GetInt32().ShouldBe(25);
        cpu.GetProperty("rows").GetArrayLength().ShouldBe(5);
        var usage = cpu.GetProperty("statistics").EnumerateArray().Single(f => f.GetProperty("field").GetString() == "usage");
        usage.GetProperty("points").GetInt32().ShouldBe(25);
        usage.GetProperty("max").GetDouble().ShouldBeGreaterThanOrEqualTo(usage.GetProperty("avg").GetDouble());
        usage.GetProperty("min").GetDouble().ShouldBeLessThanOrEqualTo(usage.GetProperty("avg").GetDouble());

        var disk = (await _harness.CallAsync("alpacon_list", new() { ["resource"] = "metrics", ["host"] = "web-01", ["metric"] = "disk_usage", ["start"] = start })).GetProperty("series");
        disk.GetProperty("subject").GetString().ShouldBe("/dev/sda1");
        disk.GetProperty("notes").EnumerateArray().First().GetString()!.ShouldContain("first device");

        var traffic = (await _harness.CallAsync("alpacon_list", new() { ["resource"] = "metrics", ["host"] = "web-01", ["metric"] = "traffic", ["interface"] = "eth1", ["start"] = start })).GetProperty("series");
        traffic.GetProperty("statistics").EnumerateArray().Select(f => f.GetProperty("field").GetString()).ShouldContain("peak_input_bps");
        traffic.GetProperty("rows")[0].GetProperty("interface").GetString().ShouldBe("eth1");

        var top = await _harness.CallAsync("alpacon_list", new() { ["resource"] = "top", ["metric"] = "memory" });
        top.GetProperty("items").GetArrayLength().ShouldBe(2);
        top.GetProperty("source").GetString().ShouldBe("/api/metrics/realtime/memory/top/");
        (await _harness.ErrorAsync("alpacon_list", new() { ["resource"] = "top", ["metric"] = "disk_usage" })).ShouldContain("not disk_usage");
    }

    [Fact]
    public async Task SystemInfo_PassesThroughWhatTheAgentReported()
    {
        var users = await _harness.CallAsync("alpacon_list", new() { ["resource"] = "os_users", ["host"] = "web-01", ["search"] = "root" });
        users.GetProperty("source").GetString().ShouldBe("/api/proc/users/");
        users.GetProperty("items").EnumerateArray().Select(u => u.GetProperty("username").GetString()).ShouldContain("root");

        var os = await _harness.CallAsync("alpacon_list", new() { ["resource"] = "os", ["host"] = "web-01" });
        os.GetProperty("items").GetArrayLength().ShouldBe(1);
        os.GetProperty("items")[0].GetProperty("name").GetString().ShouldNotBeNullOrEmpty();

        var error = await _harness.ErrorAsync("alpacon_list", new() { ["resource"] = "system", ["host"] = "nowhere" });
        error.ShouldContain("nowhere");
    }

    [Fact]
    public async Task EventsList_SearchesAndBoundsTheAnswer()
    {
        var recent = await _harness.CallAsync("alpacon_list", new() { ["resource"] = "events", ["limit"] = 10 });
        recent.GetProperty("total").GetInt32().ShouldBe(130);
        recent.GetProperty("truncated").GetBoolean().ShouldBeTrue();
        recent.GetProperty("events").GetArrayLength().ShouldBe(10);
        recent.GetProperty("events")[0].GetProperty("id").GetString().ShouldBe("e-0129");
        recent.GetProperty("remarks").GetArrayLength().ShouldBe(1);

        var search = await _harness.CallAsync("alpacon_list", new() { ["resource"] = "events", ["host"] = "db-01", ["search"] = "restart", ["limit"] = 1000 });
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
        var notes = await _harness.CallAsync("alpacon_list", new() { ["resource"] = "notes", ["host"] = "db-01" });
        notes.GetProperty("notes").EnumerateArray().Single().GetProperty("content").GetString().ShouldBe("disk replaced 2025-11-08");
        (await _harness.CallAsync("alpacon_list", new() { ["resource"] = "notes", ["host"] = "web-01" })).GetProperty("notes").GetArrayLength().ShouldBe(0);
    }

    [Fact]
    public async Task AlertRules_CreateChangeDelete_WithConfirmationForTheDestructiveOnes()
    {
        var rules = await _harness.CallAsync("alpacon_list", new() { ["resource"] = "alert_rules", ["host"] = "web-01" });
        rules.GetProperty("items").GetArrayLength().ShouldBe(1);

        var created = await _harness.CallAsync("alpacon_alert_rule_change", new() { ["action"] = "create", ["name"] = "mem", ["metric_type"] = "memory", ["condition"] = "gte", ["threshold"] = 85, ["hosts"] = new[] { "db-01" } });
        var id = created.GetProperty("item").GetProperty("id").GetString()!;
        created.GetProperty("item").GetProperty("servers")[0].GetString().ShouldBe(_harness.Fake.Servers[1].Id);

        var changed = await _harness.CallAsync("alpacon_alert_rule_change", new() { ["action"] = "update", ["id"] = id, ["threshold"] = 95, ["enabled"] = false });
        changed.GetProperty("item").GetProperty("threshold").GetDouble().ShouldBe(95);
        changed.GetProperty("item").GetProperty("enabled").GetBoolean().ShouldBeFalse();

        var invalid = await _harness.ErrorAsync("alpacon_alert_rule_change", new() { ["action"] = "create", ["name"] = "x", ["metric_type"] = "temperature", ["condition"] = "gt", ["threshold"] = 1 });
        invalid.ShouldContain("metric_type");

        await _harness.CallAsync("alpacon_alert_rule_change", new() { ["action"] = "delete", ["id"] = id });
        (await _harness.CallAsync("alpacon_list", new() { ["resource"] = "alert_rules" })).GetProperty("items").GetArrayLength().ShouldBe(1);

        var alerts = await _harness.CallAsync("alpacon_list", new() { ["resource"] = "alerts", ["acknowledged"] = false });
        alerts.GetProperty("items").GetArrayLength().ShouldBe(1);
    }

    [Fact]
    public async Task AlpaconTools_RefuseHostsThatAreNotAlpaconServers()
    {
        await using var other = await AlpaconHarness.StartAsync(inventory: [Core.Inventory.Host.Ssh("plain", "127.0.0.1")]);
        var error = await other.ErrorAsync("alpacon_list", new() { ["resource"] = "notes", ["host"] = "plain" });
        error.ShouldContain("not an Alpacon server");
    }

    [Fact]
    public async Task ReadOnlyMode_ServesTheReadTools_Only()
    {
        await using var readOnly = await AlpaconHarness.StartAsync(mode: Core.Policy.Mode.ReadOnly);
        var tools = (await readOnly.Client.ListToolsAsync()).Select(t => t.Name).Where(n => n.StartsWith("alpacon_", StringComparison.Ordinal)).ToList();
                tools.ShouldContain("alpacon_list");
        tools.ShouldNotContain("alpacon_notes_create");
        tools.ShouldNotContain("alpacon_alert_rule_change");
        tools.ShouldNotContain("alpacon_iam_change");
        tools.ShouldNotContain("alpacon_webftp");
        var annotations = (await readOnly.Client.ListToolsAsync()).Where(t => t.Name.StartsWith("alpacon_", StringComparison.Ordinal)).ToList();
        annotations.ShouldAllBe(t => t.ProtocolTool.Annotations!.ReadOnlyHint == true);
    }

    [Fact]
    public void Toolsets_ListEveryToolClass_UnderTheAlpaconName()
    {
        AlpaconSetup.Toolsets.Count.ShouldBe(5); // the reads of one shape share alpacon_list; each write tool acts on one kind of object
        Mcp.Catalog.ToolCatalog.ToolsetNamesOf(AlpaconSetup.Toolsets).ShouldBe(["alpacon"]);
        var names = Mcp.Catalog.ToolCatalog.ToolNamesOf(AlpaconSetup.Toolsets);
        names.ShouldAllBe(n => n.StartsWith("alpacon_", StringComparison.Ordinal));
        names.Distinct().Count().ShouldBe(names.Count);
    }

    [Fact]
    public async Task List_RefusesAFilterTheResourceDoesNotTake_AndNamesTheOnesThatDo()
    {
        (await _harness.ErrorAsync("alpacon_list", new() { ["resource"] = "servers", ["reporter"] = "agent" }))
            .ShouldContain("resource 'servers' does not take reporter; only events does. Leave it out.");
        (await _harness.ErrorAsync("alpacon_list", new() { ["resource"] = "alerts", ["search"] = "x" }))
            .ShouldContain("only servers, events, iam_users, iam_groups, os_users, os_groups, packages do.");
        (await _harness.ErrorAsync("alpacon_list", new() { ["resource"] = "iam_users", ["host"] = "web-01" }))
            .ShouldContain("does not take host");
        (await _harness.ErrorAsync("alpacon_list", new() { ["resource"] = "notes" })).ShouldContain("resource 'notes' needs host: the Bastion host name");
        (await _harness.ErrorAsync("alpacon_list", new() { ["resource"] = "metrics" })).ShouldContain("resource 'metrics' needs host");
        (await _harness.ErrorAsync("alpacon_list", new() { ["resource"] = "events", ["start"] = "2025-11-08T09:00:00Z" })).ShouldContain("resource 'events' does not take start; only metrics does.");
        (await _harness.ErrorAsync("alpacon_list", new() { ["resource"] = "packages", ["host"] = "web-01", ["login_enabled_only"] = true })).ShouldContain("resource 'packages' does not take login_enabled_only; only os_users does.");
        (await _harness.ErrorAsync("alpacon_list", new() { ["resource"] = "metrics", ["host"] = "web-01", ["start"] = "yesterday" })).ShouldContain("not an ISO-8601 time");
        (await _harness.ErrorAsync("alpacon_list", new() { ["resource"] = "events", ["host"] = "web-01", ["workspace"] = "elsewhere" }))
            .ShouldContain("not 'elsewhere'");
        (await _harness.ErrorAsync("alpacon_list", new() { ["resource"] = "volumes" })).ShouldContain("resource");
    }

    [Fact]
    public async Task AlertRuleChange_CreateRunsUnasked_UpdateAndDeleteAreConfirmed_AndArgumentsAreCheckedPerAction()
    {
        await using var asked = await AlpaconHarness.StartAsync(mode: Core.Policy.Mode.Operator, elicitation: false);
        var created = await asked.CallAsync("alpacon_alert_rule_change", new() { ["action"] = "create", ["name"] = "cpu", ["metric_type"] = "cpu", ["condition"] = "gt", ["threshold"] = 90 });
        var id = created.GetProperty("item").GetProperty("id").GetString()!;
        created.GetProperty("item").GetProperty("enabled").GetBoolean().ShouldBeTrue();
        (await asked.ErrorAsync("alpacon_alert_rule_change", new() { ["action"] = "update", ["id"] = id, ["threshold"] = 80 })).ShouldStartWith("Confirmation required");
        (await asked.ErrorAsync("alpacon_alert_rule_change", new() { ["action"] = "delete", ["id"] = id })).ShouldStartWith("Confirmation required");
        var stored = (await asked.CallAsync("alpacon_list", new() { ["resource"] = "alert_rules" })).GetProperty("items").EnumerateArray().ToList();
        stored.Count.ShouldBe(2);
        stored.Single(r => r.GetProperty("id").GetString() == id).GetProperty("threshold").GetDouble().ShouldBe(90);

        (await asked.ErrorAsync("alpacon_alert_rule_change", new() { ["action"] = "create", ["name"] = "x", ["condition"] = "gt", ["threshold"] = 1 }))
            .ShouldContain("action 'create' needs metric_type");
        (await asked.ErrorAsync("alpacon_alert_rule_change", new() { ["action"] = "create", ["id"] = id, ["name"] = "x", ["metric_type"] = "cpu", ["condition"] = "gt", ["threshold"] = 1 }))
            .ShouldContain("action 'create' does not take id; only update, delete do. Leave it out.");

        // Bad arguments to update and delete are refused before anyone is asked: this client cannot be asked, so a call
        // that got as far as confirmation would answer "Confirmation required" instead.
        (await asked.ErrorAsync("alpacon_alert_rule_change", new() { ["action"] = "delete", ["id"] = id, ["threshold"] = 1 }))
            .ShouldContain("action 'delete' does not take threshold; only create, update do. Leave it out.");
        (await asked.ErrorAsync("alpacon_alert_rule_change", new() { ["action"] = "update", ["threshold"] = 1 }))
            .ShouldContain("action 'update' needs id: the rule's id (alpacon_list resource=alert_rules).");
    }

    public static JsonElement First(JsonElement array) => array.EnumerateArray().First();
}
