using System.Text.Json;
using Bastion.Core.Alerts;
using Bastion.Core.History;
using Bastion.Core.Inventory;
using Bastion.Core.Policy;
using Bastion.Mcp.Alerts;
using Microsoft.Extensions.Time.Testing;
using ModelContextProtocol.Client;
using ModelContextProtocol.Protocol;

namespace Bastion.Store.Sqlite.Tests;

/// <summary>Alert rules evaluated over the real SQLite history, answered through the real MCP pipeline.</summary>
public class AlertsTests
{
    private const string Cpu = "cpu.busy_percent";
    private static readonly CancellationToken None = CancellationToken.None;
    private static readonly DateTimeOffset T0 = new(2026, 12, 6, 3, 0, 0, TimeSpan.Zero);

    private static string Rule(string name, string metric, string aggregate, string window, string comparison, double threshold, string? webhook = null, string target = "local") => $"""
        rules:
          - name: {name}
            target: {target}
            metric: {metric}
            aggregate: {aggregate}
            for: {window}
            comparison: "{comparison}"
            threshold: {threshold}
            severity: critical
        {(webhook is null ? string.Empty : $"    webhook: {webhook}\n")}
        """;

    private static Task<JsonElement> AlertsAsync(McpClient client, string state = "all") =>
        CollectorLocalTests.CallAsync(client, "alerts_list", new() { ["state"] = state });

    private static List<JsonElement> Items(JsonElement answer) => answer.GetProperty("alerts").EnumerateArray().ToList();

    private static string Text(CallToolResult result) => string.Join("\n", result.Content.OfType<TextContentBlock>().Select(c => c.Text));

    [Fact]
    public async Task Alert_FiresOnlyOnceTheForWindowIsCovered_AndHolds()
    {
        var clock = new FakeTimeProvider(T0);
        await using var h = await HistoryHarness.StartForAlertsAsync(Rule("cpu-hot", "cpu", "min", "3m", ">=", 80), clock: clock);

        for (var minute = 0; minute <= 2; minute++)
        {
            await h.TickAsync("local", T0.AddMinutes(minute), Cpu, 95);
        }

        // 95 % for two minutes of a three-minute window: not yet.
        Items(await AlertsAsync(h.Client)).ShouldBeEmpty();

        await h.TickAsync("local", T0.AddMinutes(3), Cpu, 95);
        var alert = Items(await AlertsAsync(h.Client, "firing")).ShouldHaveSingleItem();
        alert.GetProperty("rule").GetString().ShouldBe("cpu-hot");
        alert.GetProperty("host").GetString().ShouldBe("local");
        alert.GetProperty("state").GetString().ShouldBe("firing");
        alert.GetProperty("severity").GetString().ShouldBe("critical");
        alert.GetProperty("metric").GetString().ShouldBe(Cpu);
        alert.GetProperty("condition").GetString().ShouldBe("min over 3m >= 80");
        alert.GetProperty("value").GetDouble().ShouldBe(95);
        alert.GetProperty("started_at").GetDateTimeOffset().ShouldBe(T0.AddMinutes(3));
    }

    [Fact]
    public async Task Alert_DoesNotFire_WhenOneSampleOfTheWindowIsBelow()
    {
        await using var h = await HistoryHarness.StartForAlertsAsync(Rule("cpu-hot", "cpu", "min", "3m", ">=", 80), clock: new FakeTimeProvider(T0));
        double[] values = [95, 95, 40, 95, 95];
        for (var minute = 0; minute < values.Length; minute++)
        {
            await h.TickAsync("local", T0.AddMinutes(minute), Cpu, values[minute]);
        }

        Items(await AlertsAsync(h.Client)).ShouldBeEmpty();
        await h.TickAsync("local", T0.AddMinutes(5), Cpu, 95);
        Items(await AlertsAsync(h.Client)).ShouldBeEmpty(); // the window opens at 03:02, with 40 %
        await h.TickAsync("local", T0.AddMinutes(6), Cpu, 95);
        Items(await AlertsAsync(h.Client, "firing")).ShouldHaveSingleItem();
    }

    [Fact]
    public async Task Alert_Resolves_OnlyWhenTheConditionStaysClearOverTheWindow()
    {
        await using var h = await HistoryHarness.StartForAlertsAsync(Rule("cpu-hot", "cpu", "avg", "3m", ">=", 80), clock: new FakeTimeProvider(T0));
        for (var minute = 0; minute <= 3; minute++)
        {
            await h.TickAsync("local", T0.AddMinutes(minute), Cpu, 90);
        }

        Items(await AlertsAsync(h.Client, "firing")).ShouldHaveSingleItem();
        for (var minute = 4; minute <= 6; minute++)
        {
            // The average drops below 80 at once, but the window still holds samples of 90.
            await h.TickAsync("local", T0.AddMinutes(minute), Cpu, 10);
            Items(await AlertsAsync(h.Client, "firing")).ShouldHaveSingleItem();
        }

        await h.TickAsync("local", T0.AddMinutes(7), Cpu, 10);
        Items(await AlertsAsync(h.Client, "firing")).ShouldBeEmpty();
        var resolved = Items(await AlertsAsync(h.Client, "resolved")).ShouldHaveSingleItem();
        resolved.GetProperty("started_at").GetDateTimeOffset().ShouldBe(T0.AddMinutes(3));
        resolved.GetProperty("ended_at").GetDateTimeOffset().ShouldBe(T0.AddMinutes(7));
        resolved.GetProperty("end_value").GetDouble().ShouldBe(10);
        (await AlertsAsync(h.Client, "all")).GetProperty("firing_now").GetInt32().ShouldBe(0);
    }

    [Fact]
    public async Task Webhook_GetsOnePostPerChange_WhenTheValueHoversAtTheThreshold()
    {
        using var receiver = new WebhookReceiver();
        await using var h = await HistoryHarness.StartForAlertsAsync(Rule("cpu-hot", "cpu", "avg", "2m", ">=", 70, receiver.Url), clock: new FakeTimeProvider(T0));

        // 90, 50, 90, 50, ...: the average over the window swings around 70 for ten minutes.
        for (var minute = 0; minute <= 10; minute++)
        {
            await h.TickAsync("local", T0.AddMinutes(minute), Cpu, minute % 2 == 0 ? 90 : 50);
        }

        for (var minute = 11; minute <= 14; minute++)
        {
            await h.TickAsync("local", T0.AddMinutes(minute), Cpu, 20);
        }

        await h.Notifier.DrainAsync();
        var fired = await receiver.NextAsync();
        var resolved = await receiver.NextAsync();
        receiver.Pending.ShouldBe(0);
        var all = Items(await AlertsAsync(h.Client, "all"));
        all.Count.ShouldBe(1);

        fired.GetProperty("text").GetString()!.ShouldContain("cpu-hot firing on local");
        fired.GetProperty("alert").GetProperty("state").GetString().ShouldBe("firing");
        fired.GetProperty("alert").GetProperty("host").GetString().ShouldBe("local");
        fired.GetProperty("attachments")[0].GetProperty("fields").EnumerateArray()
            .ShouldContain(f => f.GetProperty("title").GetString() == "severity" && f.GetProperty("value").GetString() == "critical");
        resolved.GetProperty("text").GetString()!.ShouldContain("cpu-hot resolved on local");
        resolved.GetProperty("alert").GetProperty("state").GetString().ShouldBe("resolved");
        resolved.GetProperty("alert").GetProperty("ended_at").GetString().ShouldNotBeNull();
    }

    [Fact]
    public async Task Webhook_FailureIsLoggedAndTheAlertStillFires_WhenNothingListens()
    {
        await using var h = await HistoryHarness.StartForAlertsAsync(Rule("cpu-hot", "cpu", "last", "0s", ">", 50, "http://127.0.0.1:9/hooks/secret"), clock: new FakeTimeProvider(T0));
        await h.TickAsync("local", T0, Cpu, 60);
        await h.Notifier.DrainAsync();
        Items(await AlertsAsync(h.Client, "firing")).ShouldHaveSingleItem();
    }

    [Fact]
    public async Task Webhook_FailureIsLoggedWithTheUrlPathHidden_WhenNothingListens()
    {
        var logger = new CapturingLogger<AlertNotifier>();
        using var notifier = new AlertNotifier(new HttpClient(), logger);
        var rule = new AlertRule("cpu-hot", "all", "cpu", null, "last", "0s", ">", 50, "warning", "http://127.0.0.1:9/services/T0/B0/very-secret-path");
        notifier.Notify(rule, new AlertEvent(1, "cpu-hot", "local", "warning", AlertEvent.Firing, Cpu, "> 50", 60, T0, null, null));
        await notifier.DrainAsync();

        var message = logger.Messages.ShouldHaveSingleItem();
        message.ShouldStartWith("Warning: Alert webhook of rule cpu-hot (http://127.0.0.1:9/***) failed:");
        message.ShouldNotContain("very-secret-path");
    }

    [Fact]
    public async Task Rules_KeepTheLastGoodRules_WhenTheFileBecomesMalformed()
    {
        await using var h = await HistoryHarness.StartForAlertsAsync(Rule("cpu-hot", "cpu", "avg", "5m", ">=", 80));
        var good = await CollectorLocalTests.CallAsync(h.Client, "alert_rules_list", []);
        good.GetProperty("source").GetString().ShouldBe("file");
        good.GetProperty("rules").EnumerateArray().Single().GetProperty("name").GetString().ShouldBe("cpu-hot");

        await File.WriteAllTextAsync(h.Rules.FilePath, Rule("cpu-hot", "cpu", "avg", "5m", ">=", 80) + Rule("bad", "temperature", "median", "5x", "=", 1).Replace("rules:\n", string.Empty, StringComparison.Ordinal));
        var kept = await CollectorLocalTests.CallAsync(h.Client, "alert_rules_list", []);
        kept.GetProperty("source").GetString().ShouldBe("last_good");
        kept.GetProperty("rules").EnumerateArray().Single().GetProperty("name").GetString().ShouldBe("cpu-hot");
        var problem = kept.GetProperty("problem").GetString()!;
        problem.ShouldContain("rule 2");
        problem.ShouldContain("metric 'temperature' is not known; accepted: cpu, memory, load, disk, disk_io, network_rx, network_tx, unreachable");
        problem.ShouldContain("aggregate 'median' is not known; accepted: avg, max, min, last, p95");
        problem.ShouldContain("comparison '=' is not known");
        problem.ShouldContain("for '5x' is not accepted");
        problem.ShouldContain("The last good rules stay in force.");

        await File.WriteAllTextAsync(h.Rules.FilePath, "rules: [unclosed");
        (await CollectorLocalTests.CallAsync(h.Client, "alert_rules_list", [])).GetProperty("problem").GetString()!.ShouldContain("not valid YAML");
    }

    [Fact]
    public async Task Rules_AreTheDefaults_WhenThereIsNoFile_AndAMalformedFirstFileKeepsThem()
    {
        await using var h = await HistoryHarness.StartForAlertsAsync();
        var defaults = await CollectorLocalTests.CallAsync(h.Client, "alert_rules_list", []);
        defaults.GetProperty("source").GetString().ShouldBe("defaults");
        defaults.GetProperty("rules").EnumerateArray().Select(r => r.GetProperty("name").GetString())
            .ShouldBe(["disk-full", "memory-high", "load-high", "host-unreachable"]);

        await File.WriteAllTextAsync(h.Rules.FilePath, "rules:\n  - name: x\n    metric: cpu\n");
        var refused = await CollectorLocalTests.CallAsync(h.Client, "alert_rules_list", []);
        refused.GetProperty("source").GetString().ShouldBe("defaults");
        refused.GetProperty("rules").GetArrayLength().ShouldBe(4);
        refused.GetProperty("problem").GetString()!.ShouldContain("'threshold' is missing");
    }

    [Fact]
    public async Task RulesSet_NeedsConfirmation_ThenWritesTheFileAtomically_AndHidesTheWebhook()
    {
        await using var h = await HistoryHarness.StartForAlertsAsync(mode: Mode.Operator);
        var args = new Dictionary<string, object?>
        {
            ["name"] = "disk-root", ["metric"] = "disk", ["instance"] = "/", ["threshold"] = 85, ["for"] = "2m", ["aggregate"] = "max",
            ["webhook"] = "https://hooks.example.com/services/T0/B0/very-secret",
        };
        var plan = await h.Client.CallToolAsync("alert_rules_set", args, cancellationToken: None);
        plan.IsError.ShouldBe(true);
        Text(plan).ShouldStartWith("Confirmation required: nothing ran yet.");
        Text(plan).ShouldContain("https://hooks.example.com/***");
        Text(plan).ShouldNotContain("very-secret");
        File.Exists(h.Rules.FilePath).ShouldBeFalse();

        var handle = JsonDocument.Parse(Text(plan).Split('\n', 2)[1]).RootElement.GetProperty("confirmation").GetString();
        var set = await h.Client.CallToolAsync("alert_rules_set", new Dictionary<string, object?>(args) { ["confirm"] = handle }, cancellationToken: None);
        set.IsError.ShouldNotBe(true, Text(set));
        var answer = set.StructuredContent!.Value;
        answer.GetProperty("change").GetString().ShouldBe("rule 'disk-root' added");
        answer.GetProperty("source").GetString().ShouldBe("file");
        var rules = answer.GetProperty("rules").EnumerateArray().ToList();
        rules.Select(r => r.GetProperty("name").GetString()).ShouldBe(["disk-full", "memory-high", "load-high", "host-unreachable", "disk-root"]);
        rules[^1].GetProperty("webhook").GetString().ShouldBe("https://hooks.example.com/***");
        Text(set).ShouldNotContain("very-secret");

        var file = await File.ReadAllTextAsync(h.Rules.FilePath);
        file.ShouldContain("very-secret");
        var audit = Directory.GetFiles(h.Paths.DataDirectory, "*.jsonl", SearchOption.AllDirectories);
        audit.ShouldNotBeEmpty();
        audit.ShouldAllBe(f => !File.ReadAllText(f).Contains("very-secret"));
        audit.Select(File.ReadAllText).ShouldContain(t => t.Contains("alert_rules_set") && t.Contains("https://hooks.example.com/***"));
        var parsed = AlertRulesFile.Parse(file, "test").Single(r => r.Name == "disk-root");
        parsed.ShouldBe(new AlertRule("disk-root", "all", "disk", "/", "max", "2m", ">=", 85, "warning", "https://hooks.example.com/services/T0/B0/very-secret"));
        Directory.GetFiles(h.Paths.DataDirectory, "*.tmp").ShouldBeEmpty();
        Convert.ToString((int)File.GetUnixFileMode(h.Rules.FilePath), 8).ShouldBe("600");

        var delete = await h.Client.CallToolAsync("alert_rules_delete", new Dictionary<string, object?> { ["name"] = "memory-high" }, cancellationToken: None);
        Text(delete).ShouldStartWith("Confirmation required");
        var deleteHandle = JsonDocument.Parse(Text(delete).Split('\n', 2)[1]).RootElement.GetProperty("confirmation").GetString();
        var deleted = await h.Client.CallToolAsync("alert_rules_delete", new Dictionary<string, object?> { ["name"] = "memory-high", ["confirm"] = deleteHandle }, cancellationToken: None);
        deleted.IsError.ShouldNotBe(true, Text(deleted));
        AlertRulesFile.Parse(await File.ReadAllTextAsync(h.Rules.FilePath), "test").Select(r => r.Name).ShouldBe(["disk-full", "load-high", "host-unreachable", "disk-root"]);
    }

    [Fact]
    public async Task RulesSet_RefusesAnInvalidRule_SayingWhatIsAccepted()
    {
        await using var h = await HistoryHarness.StartForAlertsAsync(mode: Mode.Operator);
        var args = new Dictionary<string, object?> { ["name"] = "odd", ["metric"] = "temperature", ["threshold"] = 1, ["severity"] = "page-me" };
        var plan = await h.Client.CallToolAsync("alert_rules_set", args, cancellationToken: None);
        var handle = JsonDocument.Parse(Text(plan).Split('\n', 2)[1]).RootElement.GetProperty("confirmation").GetString();
        var result = await h.Client.CallToolAsync("alert_rules_set", new Dictionary<string, object?>(args) { ["confirm"] = handle }, cancellationToken: None);
        result.IsError.ShouldBe(true);
        Text(result).ShouldContain("metric 'temperature' is not known; accepted: cpu, memory, load, disk, disk_io, network_rx, network_tx, unreachable");
        Text(result).ShouldContain("severity 'page-me' is not known; accepted: info, warning, critical");
        File.Exists(h.Rules.FilePath).ShouldBeFalse();
    }

    [Fact]
    public async Task RulesWriteTools_AreNotServed_InReadOnlyMode()
    {
        await using var h = await HistoryHarness.StartForAlertsAsync();
        var names = (await h.Client.ListToolsAsync(cancellationToken: None)).Select(t => t.Name).ToList();
        names.ShouldContain("alerts_list");
        names.ShouldContain("alert_rules_list");
        names.ShouldNotContain("alert_rules_set");
        names.ShouldNotContain("alert_rules_delete");
    }

    [Fact]
    public async Task FiringResource_ListsAndReadsTheFiringAlerts()
    {
        await using var h = await HistoryHarness.StartForAlertsAsync(Rule("cpu-hot", "cpu", "last", "0s", ">=", 80), clock: new FakeTimeProvider(T0));
        var listed = await h.Client.ListResourcesAsync(cancellationToken: None);
        listed.ShouldContain(r => r.Uri == FiringAlertsResource.Uri && r.MimeType == "application/json");

        var empty = await h.Client.ReadResourceAsync(FiringAlertsResource.Uri, cancellationToken: None);
        JsonDocument.Parse(empty.Contents.OfType<TextResourceContents>().Single().Text).RootElement.GetProperty("alerts").GetArrayLength().ShouldBe(0);

        await h.TickAsync("local", T0, Cpu, 99);
        var read = await h.Client.ReadResourceAsync(FiringAlertsResource.Uri, cancellationToken: None);
        var contents = read.Contents.OfType<TextResourceContents>().Single();
        contents.Uri.ShouldBe(FiringAlertsResource.Uri);
        var alert = JsonDocument.Parse(contents.Text).RootElement.GetProperty("alerts").EnumerateArray().ShouldHaveSingleItem();
        alert.GetProperty("rule").GetString().ShouldBe("cpu-hot");
        alert.GetProperty("value").GetDouble().ShouldBe(99);
    }

    [Fact]
    public async Task Collector_FiresDiskAndUnreachableAlerts_OnRealTicks()
    {
        // A real local host, and an SSH host on an address of this suite's base (170) where nothing listens.
        var gone = Host.Ssh("gone", "127.0.0.170", 9, "nobody") with { Groups = ["far"] };
        var yaml = """
            rules:
              - name: any-disk
                target: local
                metric: disk
                instance: /
                threshold: 0
              - name: down
                target: "@far"
                metric: unreachable
                aggregate: min
                for: 1s
                threshold: 1
                severity: critical
            """;
        // The test ticks by hand; the interval only sets how far back the evaluator looks for the sample that opens the
        // window (1.5 intervals), so a loaded machine that takes seconds between two ticks still finds it.
        await using var h = await HistoryHarness.StartForAlertsAsync(yaml, hosts: [gone], history: new HistoryOptions { Interval = TimeSpan.FromSeconds(30) });

        var first = await h.Collector.TickAsync(None);
        first.Single(t => t.Host == "gone").Status.ShouldBe(TickStatus.Unreachable);
        var firing = Items(await AlertsAsync(h.Client, "firing"));
        var disk = firing.ShouldHaveSingleItem();
        disk.GetProperty("rule").GetString().ShouldBe("any-disk");
        disk.GetProperty("metric").GetString().ShouldBe("disk.used_percent[/]");
        disk.GetProperty("value").GetDouble().ShouldBeInRange(0.001, 100);

        // One unreachable tick does not cover a 1 s window; the second does.
        await Task.Delay(1100);
        await h.Collector.TickAsync(None);
        var down = Items(await AlertsAsync(h.Client, "firing")).Single(a => a.GetProperty("rule").GetString() == "down");
        down.GetProperty("host").GetString().ShouldBe("gone");
        down.GetProperty("metric").GetString().ShouldBe("unreachable");

        var alerts = await CollectorLocalTests.CallAsync(h.Client, "alerts_list", new() { ["target"] = "@far" });
        Items(alerts).ShouldHaveSingleItem().GetProperty("host").GetString().ShouldBe("gone");
    }
}
