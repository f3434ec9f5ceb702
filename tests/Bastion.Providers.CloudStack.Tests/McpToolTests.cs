using System.Text.Json;
using Bastion.Core.Policy;
using Bastion.Fakes.CloudStack;
using ModelContextProtocol.Client;
using ModelContextProtocol.Protocol;

namespace Bastion.Providers.CloudStack.Tests;

/// <summary>The cloudstack tools and hosts through the real MCP pipeline and a real SDK client, against the fake.</summary>
public sealed class McpToolTests : IAsyncLifetime
{
    private CloudStackFake _fake = null!;

    public async Task InitializeAsync() => _fake = await CloudStackFake.StartAsync();

    public async Task DisposeAsync() => await _fake.DisposeAsync();

    private static JsonElement Structured(CallToolResult result)
    {
        result.IsError.ShouldNotBe(true, McpHarness.Text(result));
        return result.StructuredContent!.Value;
    }

    private static string Handle(CallToolResult plan)
    {
        plan.IsError.ShouldBe(true);
        var text = McpHarness.Text(plan);
        text.ShouldStartWith("Confirmation required: nothing ran yet.");
        return JsonDocument.Parse(text.Split('\n', 2)[1]).RootElement.GetProperty("confirmation").GetString()!;
    }

    private static McpClientOptions Elicitation(bool approve, List<string> asked) => new()
    {
        Handlers = new McpClientHandlers
        {
            ElicitationHandler = (request, _) =>
            {
                asked.Add(request!.Message);
                return ValueTask.FromResult(new ElicitResult
                {
                    Action = "accept",
                    Content = new Dictionary<string, JsonElement> { ["approve"] = JsonSerializer.SerializeToElement(approve) },
                });
            },
        },
    };

    [Fact]
    public async Task HostsList_ShowsCloudStackVms_AsPlatformHostsWithLabels()
    {
        await using var bastion = await McpHarness.StartAsync(_fake, Mode.ReadOnly);
        var list = Structured(await bastion.CallAsync("hosts_list", new() { ["select"] = "backend=cloudstack" }));
        var hosts = list.GetProperty("hosts").EnumerateArray().ToDictionary(h => h.GetProperty("name").GetString()!);

        hosts.Keys.Order(StringComparer.Ordinal).ShouldBe(["app-a3d2e4f6", "app-b4d2e4f6", "batch-01", "db-01", "web-01", "web-02"]);
        var web = hosts["web-01"];
        web.GetProperty("kind").GetString().ShouldBe("platform");
        web.GetProperty("address").GetString().ShouldBe("10.1.1.11");
        var labels = web.GetProperty("labels");
        labels.GetProperty("backend").GetString().ShouldBe("cloudstack");
        labels.GetProperty("zone").GetString().ShouldBe("zone-a");
        labels.GetProperty("state").GetString().ShouldBe("Running");
        labels.GetProperty("id").GetString().ShouldBe(FakeSeed.VmWeb01);
        labels.GetProperty("template").GetString().ShouldBe("ubuntu-22.04");
        labels.GetProperty("offering").GetString().ShouldBe("small");
        hosts["batch-01"].GetProperty("address").GetString().ShouldBeEmpty();
        list.GetProperty("notes").GetArrayLength().ShouldBe(0);

        var running = Structured(await bastion.CallAsync("hosts_list", new() { ["select"] = "state=Running" }));
        running.GetProperty("total").GetInt32().ShouldBe(4);
    }

    [Fact]
    public async Task HostTools_OnAPlatformHost_SayToUseThePlatformsTools()
    {
        await using var bastion = await McpHarness.StartAsync(_fake, Mode.ReadOnly);
        var result = await bastion.CallAsync("hosts_describe", new() { ["target"] = "web-01" });
        McpHarness.Text(result).ShouldContain("known from cloudstack's API");
    }

    [Fact]
    public async Task ReadTools_ReturnCloudStacksData_WithUnitsInFieldNames()
    {
        await using var bastion = await McpHarness.StartAsync(_fake, Mode.ReadOnly);

        var zones = Structured(await bastion.CallAsync("cloudstack_zones_list"));
        zones.GetProperty("items").EnumerateArray().Select(z => z.GetProperty("network_type").GetString()).ShouldBe(["Advanced", "Basic"]);
        Structured(await bastion.CallAsync("cloudstack_zones_list", new() { ["all"] = true })).GetProperty("total").GetInt32().ShouldBe(3);

        var featured = Structured(await bastion.CallAsync("cloudstack_templates_list", new() { ["filter"] = "featured" }));
        featured.GetProperty("items").EnumerateArray().Select(t => t.GetProperty("name").GetString()).ShouldBe(["ubuntu-22.04", "alma-9-uploading"]);
        var executable = Structured(await bastion.CallAsync("cloudstack_templates_list", new() { ["zone_id"] = FakeSeed.ZoneA }));
        executable.GetProperty("items").EnumerateArray().Select(t => t.GetProperty("name").GetString()).ShouldBe(["ubuntu-22.04", "debian-12"]);
        executable.GetProperty("items")[0].GetProperty("size_bytes").GetInt64().ShouldBe(10737418240L);
        McpHarness.Text(await bastion.CallAsync("cloudstack_templates_list", new() { ["filter"] = "bogus" })).ShouldContain("filter");

        var offerings = Structured(await bastion.CallAsync("cloudstack_offerings_list"));
        offerings.GetProperty("items")[2].GetProperty("memory_mb").GetInt64().ShouldBe(8192);
        offerings.GetProperty("items")[2].GetProperty("cpu_speed_mhz").GetInt32().ShouldBe(2000);

        var networks = Structured(await bastion.CallAsync("cloudstack_networks_list", new() { ["zone_id"] = FakeSeed.ZoneA }));
        networks.GetProperty("items").EnumerateArray().Select(n => n.GetProperty("cidr").GetString()).ShouldBe(["10.1.1.0/24", "192.168.50.0/24"]);

        var volumes = Structured(await bastion.CallAsync("cloudstack_volumes_list", new() { ["vm_id"] = FakeSeed.VmDb01 }));
        volumes.GetProperty("items").EnumerateArray().Select(v => (v.GetProperty("type").GetString(), v.GetProperty("size_bytes").GetInt64()))
            .ShouldBe([("ROOT", 10737418240L), ("DATADISK", 107374182400L)]);

        var vms = Structured(await bastion.CallAsync("cloudstack_vms_list", new() { ["state"] = "Stopped" }));
        vms.GetProperty("items").EnumerateArray().Select(v => v.GetProperty("name").GetString()).ShouldBe(["db-01", "batch-01"]);

        var vm = Structured(await bastion.CallAsync("cloudstack_vms_show", new() { ["vm"] = "web-02" }));
        (vm.GetProperty("id").GetString(), vm.GetProperty("ip_address").GetString(), vm.GetProperty("memory_mb").GetInt64()).ShouldBe((FakeSeed.VmWeb02, "10.1.1.12", 1024L));
        Structured(await bastion.CallAsync("cloudstack_vms_show", new() { ["vm"] = FakeSeed.VmAppB })).GetProperty("zone_name").GetString().ShouldBe("zone-b");
        McpHarness.Text(await bastion.CallAsync("cloudstack_vms_show", new() { ["vm"] = "app" })).ShouldContain("2 VMs are named 'app'");
        McpHarness.Text(await bastion.CallAsync("cloudstack_vms_show", new() { ["vm"] = "nope" })).ShouldContain("no VM is named 'nope'");

        var events = Structured(await bastion.CallAsync("cloudstack_events_list", new() { ["level"] = "ERROR" }));
        events.GetProperty("items").EnumerateArray().Single().GetProperty("type").GetString().ShouldBe("VM.START");

        var alerts = Structured(await bastion.CallAsync("cloudstack_alerts_list"));
        alerts.GetProperty("items").EnumerateArray().Select(a => a.GetProperty("name").GetString()).ShouldBe(["ALERT.MEMORY", "ALERT.STORAGE"]);

        var capacity = Structured(await bastion.CallAsync("cloudstack_capacity_list", new() { ["by_usage"] = true, ["zone_id"] = FakeSeed.ZoneA }));
        var fullest = capacity.GetProperty("items")[0];
        (fullest.GetProperty("type_name").GetString(), fullest.GetProperty("unit").GetString(), fullest.GetProperty("percent_used").GetDouble()).ShouldBe(("public_ips", "count", 93.75));

        var status = Structured(await bastion.CallAsync("cloudstack_status"));
        (status.GetProperty("configured").GetBoolean(), status.GetProperty("auth_mode").GetString(), status.GetProperty("reachable").GetBoolean(), status.GetProperty("zones").GetInt32())
            .ShouldBe((true, "api_key", true, 2));
    }

    [Fact]
    public async Task WithoutSettings_ToolsSayWhichVaultCommandsToRun_AndHostsListStillWorks()
    {
        await using var bastion = await McpHarness.StartAsync(null, Mode.ReadOnly);
        var status = Structured(await bastion.CallAsync("cloudstack_status"));
        status.GetProperty("configured").GetBoolean().ShouldBeFalse();
        status.GetProperty("error").GetString()!.ShouldContain("bastion vault set cloudstack/url");

        var list = await bastion.CallAsync("cloudstack_vms_list");
        list.IsError.ShouldBe(true);
        // Unconfigured, the platform's tools are not served (only its status tool); a call says how to set it up.
        McpHarness.Text(list).ShouldContain("cloudstack is not configured");
        McpHarness.Text(list).ShouldContain("cloudstack/api-key + cloudstack/secret-key");
        (await bastion.Client.ListToolsAsync()).Select(t => t.Name).Where(n => n.StartsWith("cloudstack_", StringComparison.Ordinal)).ShouldBe(["cloudstack_status"]);

        var hosts = Structured(await bastion.CallAsync("hosts_list"));
        hosts.GetProperty("hosts").EnumerateArray().Select(h => h.GetProperty("name").GetString()).ShouldBe(["local"]);
    }

    [Fact]
    public async Task TheCatalogue_AnnotatesHonestly_AndReadOnlyModeHidesOperations()
    {
        await using var readOnly = await McpHarness.StartAsync(_fake, Mode.ReadOnly);
        var visible = (await readOnly.Client.ListToolsAsync()).Select(t => t.Name).Where(n => n.StartsWith("cloudstack_", StringComparison.Ordinal)).ToList();
        visible.ShouldBe(["cloudstack_status", "cloudstack_zones_list", "cloudstack_templates_list", "cloudstack_offerings_list", "cloudstack_networks_list", "cloudstack_volumes_list", "cloudstack_vms_list", "cloudstack_vms_show", "cloudstack_jobs_show", "cloudstack_events_list", "cloudstack_alerts_list", "cloudstack_capacity_list", "cloudstack_apis", "cloudstack_snapshots_list", "cloudstack_vms_metrics"], ignoreOrder: true);
        McpHarness.Text(await readOnly.CallAsync("cloudstack_vms_stop", new() { ["vm"] = "web-01" })).ShouldContain("read-only mode");
        _fake.Count("stopVirtualMachine").ShouldBe(0);

        await using var operatorMode = await McpHarness.StartAsync(_fake, Mode.Operator);
        var tools = (await operatorMode.Client.ListToolsAsync()).Where(t => t.Name.StartsWith("cloudstack_", StringComparison.Ordinal)).ToDictionary(t => t.Name, t => t.ProtocolTool.Annotations!);
        tools.Count.ShouldBe(22);
        (tools["cloudstack_api_call"].ReadOnlyHint, tools["cloudstack_api_call"].DestructiveHint).ShouldBe((false, true));
        (tools["cloudstack_volumes_change"].DestructiveHint, tools["cloudstack_volumes_change"].IdempotentHint).ShouldBe((true, false));
        tools.Values.ShouldAllBe(a => a.OpenWorldHint == true);
        (tools["cloudstack_vms_deploy"].DestructiveHint, tools["cloudstack_vms_deploy"].IdempotentHint).ShouldBe((true, false));
        (tools["cloudstack_vms_start"].DestructiveHint, tools["cloudstack_vms_start"].IdempotentHint).ShouldBe((false, true));
        (tools["cloudstack_vms_stop"].DestructiveHint, tools["cloudstack_vms_stop"].IdempotentHint).ShouldBe((true, true));
        (tools["cloudstack_vms_reboot"].DestructiveHint, tools["cloudstack_vms_reboot"].IdempotentHint).ShouldBe((true, false));
        (tools["cloudstack_vms_destroy"].DestructiveHint, tools["cloudstack_vms_destroy"].IdempotentHint).ShouldBe((true, true));
        tools.Where(t => t.Key is not ("cloudstack_vms_deploy" or "cloudstack_vms_start" or "cloudstack_vms_stop" or "cloudstack_vms_reboot" or "cloudstack_vms_destroy" or "cloudstack_api_call" or "cloudstack_volumes_change"))
            .ShouldAllBe(t => t.Value.ReadOnlyHint == true);
    }

    [Fact]
    public async Task Deploy_NeedsAPlanAndConfirmHandle_ThenRunsOnce_WithProgress()
    {
        await using var bastion = await McpHarness.StartAsync(_fake);
        var args = new Dictionary<string, object?>
        {
            ["zone_id"] = FakeSeed.ZoneA, ["template_id"] = FakeSeed.TemplateUbuntu, ["service_offering_id"] = FakeSeed.OfferingMedium, ["name"] = "web-03",
        };

        var handle = Handle(await bastion.CallAsync("cloudstack_vms_deploy", args));
        _fake.Count("deployVirtualMachine").ShouldBe(0, "nothing is deployed before confirmation");

        var result = Structured(await bastion.CallAsync("cloudstack_vms_deploy", new Dictionary<string, object?>(args) { ["confirm"] = handle }));
        result.GetProperty("action").GetString().ShouldBe("deploy");
        result.GetProperty("status").GetString().ShouldBe("succeeded");
        var vm = result.GetProperty("virtual_machine");
        (vm.GetProperty("name").GetString(), vm.GetProperty("state").GetString(), vm.GetProperty("memory_mb").GetInt64()).ShouldBe(("web-03", "Running", 2048L));
        result.GetProperty("note").GetString()!.ShouldContain("one-time password");
        _fake.Count("deployVirtualMachine").ShouldBe(1);
        _fake.Cloud.Vms.Single(v => v.Name == "web-03").State.ShouldBe("Running");

        // Notifications may arrive just after the answer: wait for the last one, then look at them all.
        (await bastion.ProgressAsync(m => m.Contains("(deploy VM web-03)", StringComparison.Ordinal) && m.EndsWith(": succeeded", StringComparison.Ordinal))).ShouldNotBeEmpty();
        var progress = await bastion.ProgressAsync(m => m.Contains("(deploy VM web-03)", StringComparison.Ordinal));
        progress.Count.ShouldBeGreaterThanOrEqualTo(2, "one per poll of the job: in progress, then succeeded");

        McpHarness.Text(await bastion.CallAsync("cloudstack_vms_deploy", new Dictionary<string, object?>(args) { ["confirm"] = handle })).ShouldContain("unknown or was already used");
        _fake.Count("deployVirtualMachine").ShouldBe(1);
    }

    [Fact]
    public async Task Stop_WithElicitationAccepted_StopsTheVm_WithProgress()
    {
        var asked = new List<string>();
        await using var bastion = await McpHarness.StartAsync(_fake, client: Elicitation(true, asked));
        var result = Structured(await bastion.CallAsync("cloudstack_vms_stop", new() { ["vm"] = "web-01" }));

        asked.ShouldHaveSingleItem().ShouldContain("cloudstack_vms_stop");
        result.GetProperty("status").GetString().ShouldBe("succeeded");
        result.GetProperty("virtual_machine").GetProperty("state").GetString().ShouldBe("Stopped");
        _fake.Cloud.Vms.Single(v => v.Id == FakeSeed.VmWeb01).State.ShouldBe("Stopped");
        (await bastion.ProgressAsync(m => m.Contains("(stop VM web-01)", StringComparison.Ordinal))).ShouldNotBeEmpty();

        var audit = bastion.AuditText;
        audit.ShouldContain("\"intent\"");
        audit.ShouldContain("cloudstack_vms_stop");
    }

    [Fact]
    public async Task Stop_WithElicitationDeclined_DoesNothing()
    {
        var asked = new List<string>();
        await using var bastion = await McpHarness.StartAsync(_fake, client: Elicitation(false, asked));
        var result = await bastion.CallAsync("cloudstack_vms_stop", new() { ["vm"] = "web-01" });
        McpHarness.Text(result).ShouldBe("The user declined; nothing ran.");
        _fake.Count("stopVirtualMachine").ShouldBe(0);
    }

    [Fact]
    public async Task Start_IsNotDestructive_SoItRunsWithoutConfirmation()
    {
        await using var bastion = await McpHarness.StartAsync(_fake);
        var result = Structured(await bastion.CallAsync("cloudstack_vms_start", new() { ["vm"] = "db-01" }));
        result.GetProperty("virtual_machine").GetProperty("state").GetString().ShouldBe("Running");
    }

    [Fact]
    public async Task WaitFalse_ReturnsTheJobAtOnce_AndJobsShowFollowsIt()
    {
        var asked = new List<string>();
        await using var bastion = await McpHarness.StartAsync(_fake, client: Elicitation(true, asked));
        var started = Structured(await bastion.CallAsync("cloudstack_vms_reboot", new() { ["vm"] = "web-02", ["wait"] = false }));
        started.GetProperty("status").GetString().ShouldBe("in_progress");
        started.GetProperty("virtual_machine").ValueKind.ShouldBe(JsonValueKind.Null);
        var jobId = started.GetProperty("job_id").GetString()!;
        started.GetProperty("note").GetString()!.ShouldContain($"cloudstack_jobs_show job_id={jobId}");
        _fake.Count("queryAsyncJobResult").ShouldBe(0);

        var once = Structured(await bastion.CallAsync("cloudstack_jobs_show", new() { ["job_id"] = jobId }));
        once.GetProperty("status").GetString().ShouldBe("in_progress");
        var done = Structured(await bastion.CallAsync("cloudstack_jobs_show", new() { ["job_id"] = jobId, ["wait"] = true }));
        done.GetProperty("status").GetString().ShouldBe("succeeded");
        done.GetProperty("virtual_machine").GetProperty("name").GetString().ShouldBe("web-02");
    }

    [Fact]
    public async Task AFailedJob_IsAToolError_QuotingCloudStacksErrorCode()
    {
        var asked = new List<string>();
        await using var bastion = await McpHarness.StartAsync(_fake, client: Elicitation(true, asked));
        var result = await bastion.CallAsync("cloudstack_vms_deploy", new()
        {
            ["zone_id"] = FakeSeed.ZoneA, ["template_id"] = FakeSeed.TemplateDebian, ["service_offering_id"] = FakeSeed.OfferingLarge, ["name"] = "fail-huge",
        });
        result.IsError.ShouldBe(true);
        McpHarness.Text(result).ShouldContain("failed: errorcode 533: Unable to create a deployment for VM");
        bastion.AuditText.ShouldContain("\"error\"");
    }

    [Fact]
    public async Task Destroy_WithExpunge_RemovesTheVm()
    {
        var asked = new List<string>();
        await using var bastion = await McpHarness.StartAsync(_fake, client: Elicitation(true, asked));
        var result = Structured(await bastion.CallAsync("cloudstack_vms_destroy", new() { ["vm"] = "batch-01", ["expunge"] = true }));
        result.GetProperty("status").GetString().ShouldBe("succeeded");
        asked.Single().ShouldContain("\"expunge\":true");
        _fake.Cloud.Vms.ShouldNotContain(v => v.Id == FakeSeed.VmBatch);
    }

    [Fact]
    public async Task AnotherAccountsVm_IsRefusedByCloudStack_WithItsErrorCode()
    {
        var asked = new List<string>();
        await using var bastion = await McpHarness.StartAsync(_fake, client: Elicitation(true, asked));
        var result = await bastion.CallAsync("cloudstack_vms_stop", new() { ["vm"] = "billing-01" });
        McpHarness.Text(result).ShouldContain("errorcode 531");
        _fake.Cloud.Vms.Single(v => v.Id == FakeSeed.VmBilling).State.ShouldBe("Running");
    }
}
