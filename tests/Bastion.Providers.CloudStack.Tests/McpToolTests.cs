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

        var zones = Structured(await bastion.CallAsync("cloudstack_list", new() { ["resource"] = "zones" }));
        zones.GetProperty("zones").EnumerateArray().Select(z => z.GetProperty("network_type").GetString()).ShouldBe(["Advanced", "Basic"]);
        Structured(await bastion.CallAsync("cloudstack_list", new() { ["resource"] = "zones", ["list_all"] = true })).GetProperty("total").GetInt32().ShouldBe(3);

        var featured = Structured(await bastion.CallAsync("cloudstack_list", new() { ["resource"] = "templates", ["filter"] = "featured" }));
        featured.GetProperty("templates").EnumerateArray().Select(t => t.GetProperty("name").GetString()).ShouldBe(["ubuntu-22.04", "alma-9-uploading"]);
        var executable = Structured(await bastion.CallAsync("cloudstack_list", new() { ["resource"] = "templates", ["zone_id"] = FakeSeed.ZoneA }));
        executable.GetProperty("templates").EnumerateArray().Select(t => t.GetProperty("name").GetString()).ShouldBe(["ubuntu-22.04", "debian-12"]);
        executable.GetProperty("templates")[0].GetProperty("size_bytes").GetInt64().ShouldBe(10737418240L);
        McpHarness.Text(await bastion.CallAsync("cloudstack_list", new() { ["resource"] = "templates", ["filter"] = "bogus" })).ShouldContain("filter");

        var offerings = Structured(await bastion.CallAsync("cloudstack_list", new() { ["resource"] = "offerings" }));
        offerings.GetProperty("offerings")[2].GetProperty("memory_mb").GetInt64().ShouldBe(8192);
        offerings.GetProperty("offerings")[2].GetProperty("cpu_speed_mhz").GetInt32().ShouldBe(2000);

        var networks = Structured(await bastion.CallAsync("cloudstack_list", new() { ["resource"] = "networks", ["zone_id"] = FakeSeed.ZoneA }));
        networks.GetProperty("networks").EnumerateArray().Select(n => n.GetProperty("cidr").GetString()).ShouldBe(["10.1.1.0/24", "192.168.50.0/24"]);

        var volumes = Structured(await bastion.CallAsync("cloudstack_list", new() { ["resource"] = "volumes", ["vm"] = FakeSeed.VmDb01 }));
        volumes.GetProperty("volumes").EnumerateArray().Select(v => (v.GetProperty("type").GetString(), v.GetProperty("size_bytes").GetInt64()))
            .ShouldBe([("ROOT", 10737418240L), ("DATADISK", 107374182400L)]);

        var vms = Structured(await bastion.CallAsync("cloudstack_list", new() { ["resource"] = "vms", ["state"] = "Stopped" }));
        vms.GetProperty("vms").EnumerateArray().Select(v => v.GetProperty("name").GetString()).ShouldBe(["db-01", "batch-01"]);

        var vm = Structured(await bastion.CallAsync("cloudstack_list", new() { ["resource"] = "vms", ["vm"] = "web-02" })).GetProperty("vms").EnumerateArray().Single();
        (vm.GetProperty("id").GetString(), vm.GetProperty("ip_address").GetString(), vm.GetProperty("memory_mb").GetInt64()).ShouldBe((FakeSeed.VmWeb02, "10.1.1.12", 1024L));
        Structured(await bastion.CallAsync("cloudstack_list", new() { ["resource"] = "vms", ["vm"] = FakeSeed.VmAppB })).GetProperty("vms")[0].GetProperty("zone_name").GetString().ShouldBe("zone-b");
        McpHarness.Text(await bastion.CallAsync("cloudstack_list", new() { ["resource"] = "vms", ["vm"] = "app" })).ShouldContain("2 VMs are named 'app'");
        McpHarness.Text(await bastion.CallAsync("cloudstack_list", new() { ["resource"] = "vms", ["vm"] = "nope" })).ShouldContain("no VM is named 'nope'");

        var events = Structured(await bastion.CallAsync("cloudstack_list", new() { ["resource"] = "events", ["level"] = "ERROR" }));
        events.GetProperty("events").EnumerateArray().Single().GetProperty("type").GetString().ShouldBe("VM.START");

        var alerts = Structured(await bastion.CallAsync("cloudstack_list", new() { ["resource"] = "alerts" }));
        alerts.GetProperty("alerts").EnumerateArray().Select(a => a.GetProperty("name").GetString()).ShouldBe(["ALERT.MEMORY", "ALERT.STORAGE"]);

        var capacity = Structured(await bastion.CallAsync("cloudstack_list", new() { ["resource"] = "capacity", ["by_usage"] = true, ["zone_id"] = FakeSeed.ZoneA }));
        var fullest = capacity.GetProperty("capacity")[0];
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

        var list = await bastion.CallAsync("cloudstack_list", new() { ["resource"] = "vms" });
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
        visible.ShouldBe(["cloudstack_status", "cloudstack_list"], ignoreOrder: true);
        McpHarness.Text(await readOnly.CallAsync("cloudstack_vm_control", new() { ["action"] = "stop", ["vm"] = "web-01" })).ShouldContain("read-only mode");
        McpHarness.Text(await readOnly.CallAsync("cloudstack_vm_control", new() { ["action"] = "start", ["vm"] = "db-01" })).ShouldContain("read-only mode");
        _fake.Count("stopVirtualMachine").ShouldBe(0);
        _fake.Count("startVirtualMachine").ShouldBe(0);

        await using var operatorMode = await McpHarness.StartAsync(_fake, Mode.Operator);
        var listed = (await operatorMode.Client.ListToolsAsync()).Where(t => t.Name.StartsWith("cloudstack_", StringComparison.Ordinal)).ToList();
        var tools = listed.ToDictionary(t => t.Name, t => t.ProtocolTool.Annotations!);
        tools.Keys.ShouldBe(["cloudstack_status", "cloudstack_list", "cloudstack_vm_control", "cloudstack_volume_control", "cloudstack_api_call"]);
        tools.Values.ShouldAllBe(a => a.OpenWorldHint == true);
        (tools["cloudstack_status"].ReadOnlyHint, tools["cloudstack_list"].ReadOnlyHint).ShouldBe((true, true));
        (tools["cloudstack_api_call"].ReadOnlyHint, tools["cloudstack_api_call"].DestructiveHint).ShouldBe((false, true));
        (tools["cloudstack_volume_control"].DestructiveHint, tools["cloudstack_volume_control"].IdempotentHint).ShouldBe((true, false));
        // Annotated with its most dangerous actions: stop/reboot/destroy interrupt, a second deploy makes a second VM.
        (tools["cloudstack_vm_control"].ReadOnlyHint, tools["cloudstack_vm_control"].DestructiveHint, tools["cloudstack_vm_control"].IdempotentHint).ShouldBe((false, true, false));

        // The enums a model picks from are in the schema.
        var schema = listed.Single(t => t.Name == "cloudstack_list").ProtocolTool.InputSchema.GetProperty("properties");
        schema.GetProperty("resource").GetProperty("enum").EnumerateArray().Select(e => e.GetString()).ShouldBe(
            ["zones", "templates", "offerings", "networks", "vms", "vm_metrics", "volumes", "snapshots", "events", "alerts", "capacity", "apis", "job"]);
        listed.Single(t => t.Name == "cloudstack_vm_control").ProtocolTool.InputSchema.GetProperty("properties").GetProperty("action").GetProperty("enum")
            .EnumerateArray().Select(e => e.GetString()).ShouldBe(["deploy", "start", "stop", "reboot", "destroy"]);
    }

    [Fact]
    public async Task List_RefusesArgumentsTheResourceDoesNotTake_NamingThoseThatDo()
    {
        await using var bastion = await McpHarness.StartAsync(_fake, Mode.ReadOnly);
        var before = _fake.Count("listZones");

        var state = await bastion.CallAsync("cloudstack_list", new() { ["resource"] = "zones", ["state"] = "Running" });
        state.IsError.ShouldBe(true);
        McpHarness.Text(state).ShouldContain("resource 'zones' does not take state; only vms, vm_metrics do. Leave it out.");
        _fake.Count("listZones").ShouldBe(before, "nothing is sent when an argument is wrong");

        McpHarness.Text(await bastion.CallAsync("cloudstack_list", new() { ["resource"] = "job" })).ShouldContain("resource 'job' needs job_id: the id a cloudstack_vm_control or cloudstack_volume_control call returned.");
        McpHarness.Text(await bastion.CallAsync("cloudstack_list", new() { ["resource"] = "networks", ["type"] = "ROOT" })).ShouldContain("type for networks must be Isolated, Shared, L2");
        McpHarness.Text(await bastion.CallAsync("cloudstack_list", new() { ["resource"] = "events", ["start_date"] = "yesterday" })).ShouldContain("start_date must be a date yyyy-MM-dd");
        McpHarness.Text(await bastion.CallAsync("cloudstack_list", new() { ["resource"] = "apis", ["limit"] = 500 })).ShouldContain("limit must be 1-200");
        McpHarness.Text(await bastion.CallAsync("cloudstack_list", new() { ["resource"] = "everything" })).ShouldContain("resource");

        // Volumes of a VM by name: the name is looked up, then the volumes listed by its id.
        var volumes = Structured(await bastion.CallAsync("cloudstack_list", new() { ["resource"] = "volumes", ["vm"] = "db-01" }));
        volumes.GetProperty("volumes").GetArrayLength().ShouldBe(2);
        volumes.TryGetProperty("zones", out _).ShouldBeFalse("only the resource's own items are present");
    }

    [Fact]
    public async Task VmControl_RefusesArgumentsTheActionDoesNotTake_BeforeAnyoneIsAsked()
    {
        var asked = new List<string>();
        await using var bastion = await McpHarness.StartAsync(_fake, client: Elicitation(true, asked));

        var expunge = await bastion.CallAsync("cloudstack_vm_control", new() { ["action"] = "stop", ["vm"] = "web-01", ["expunge"] = true });
        expunge.IsError.ShouldBe(true);
        McpHarness.Text(expunge).ShouldContain("action 'stop' does not take expunge; only destroy does. Leave it out.");
        McpHarness.Text(await bastion.CallAsync("cloudstack_vm_control", new() { ["action"] = "reboot" })).ShouldContain("action 'reboot' needs vm: the VM's id or exact name");
        McpHarness.Text(await bastion.CallAsync("cloudstack_vm_control", new() { ["action"] = "deploy", ["zone_id"] = FakeSeed.ZoneA })).ShouldContain("action 'deploy' needs template_id: a template's id");
        McpHarness.Text(await bastion.CallAsync("cloudstack_vm_control", new() { ["action"] = "start", ["vm"] = "db-01", ["zone_id"] = FakeSeed.ZoneA })).ShouldContain("action 'start' does not take zone_id; only deploy does. Leave it out.");

        asked.ShouldBeEmpty();
        (_fake.Count("stopVirtualMachine"), _fake.Count("rebootVirtualMachine"), _fake.Count("deployVirtualMachine"), _fake.Count("startVirtualMachine")).ShouldBe((0, 0, 0, 0));
    }

    [Fact]
    public async Task Deploy_NeedsAPlanAndConfirmHandle_ThenRunsOnce_WithProgress()
    {
        await using var bastion = await McpHarness.StartAsync(_fake);
        var args = new Dictionary<string, object?>
        {
            ["action"] = "deploy", ["zone_id"] = FakeSeed.ZoneA, ["template_id"] = FakeSeed.TemplateUbuntu, ["service_offering_id"] = FakeSeed.OfferingMedium, ["name"] = "web-03",
        };

        var handle = Handle(await bastion.CallAsync("cloudstack_vm_control", args));
        _fake.Count("deployVirtualMachine").ShouldBe(0, "nothing is deployed before confirmation");

        var result = Structured(await bastion.CallAsync("cloudstack_vm_control", new Dictionary<string, object?>(args) { ["confirm"] = handle }));
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

        McpHarness.Text(await bastion.CallAsync("cloudstack_vm_control", new Dictionary<string, object?>(args) { ["confirm"] = handle })).ShouldContain("unknown or was already used");
        _fake.Count("deployVirtualMachine").ShouldBe(1);
    }

    [Fact]
    public async Task Stop_WithElicitationAccepted_StopsTheVm_WithProgress()
    {
        var asked = new List<string>();
        await using var bastion = await McpHarness.StartAsync(_fake, client: Elicitation(true, asked));
        var result = Structured(await bastion.CallAsync("cloudstack_vm_control", new() { ["action"] = "stop", ["vm"] = "web-01" }));

        asked.ShouldHaveSingleItem().ShouldContain("stop CloudStack VM web-01 (cloudstack_vm_control)");
        result.GetProperty("status").GetString().ShouldBe("succeeded");
        result.GetProperty("virtual_machine").GetProperty("state").GetString().ShouldBe("Stopped");
        _fake.Cloud.Vms.Single(v => v.Id == FakeSeed.VmWeb01).State.ShouldBe("Stopped");
        (await bastion.ProgressAsync(m => m.Contains("(stop VM web-01)", StringComparison.Ordinal))).ShouldNotBeEmpty();

        var audit = bastion.AuditText;
        audit.ShouldContain("\"intent\"");
        audit.ShouldContain("cloudstack_vm_control");
    }

    [Fact]
    public async Task Stop_WithElicitationDeclined_DoesNothing()
    {
        var asked = new List<string>();
        await using var bastion = await McpHarness.StartAsync(_fake, client: Elicitation(false, asked));
        var result = await bastion.CallAsync("cloudstack_vm_control", new() { ["action"] = "stop", ["vm"] = "web-01" });
        McpHarness.Text(result).ShouldBe("The user declined; nothing ran.");
        _fake.Count("stopVirtualMachine").ShouldBe(0);
    }

    [Fact]
    public async Task Start_IsNotDestructive_SoItRunsWithoutConfirmation()
    {
        var asked = new List<string>();
        await using var bastion = await McpHarness.StartAsync(_fake, client: Elicitation(true, asked));
        var result = Structured(await bastion.CallAsync("cloudstack_vm_control", new() { ["action"] = "start", ["vm"] = "db-01" }));
        result.GetProperty("virtual_machine").GetProperty("state").GetString().ShouldBe("Running");
        asked.ShouldBeEmpty();

        // The same tool asks before a reboot: confirmation is per action.
        Structured(await bastion.CallAsync("cloudstack_vm_control", new() { ["action"] = "reboot", ["vm"] = "db-01" })).GetProperty("status").GetString().ShouldBe("succeeded");
        asked.ShouldHaveSingleItem().ShouldContain("reboot CloudStack VM db-01");
    }

    [Fact]
    public async Task WaitFalse_ReturnsTheJobAtOnce_AndJobsShowFollowsIt()
    {
        var asked = new List<string>();
        await using var bastion = await McpHarness.StartAsync(_fake, client: Elicitation(true, asked));
        var started = Structured(await bastion.CallAsync("cloudstack_vm_control", new() { ["action"] = "reboot", ["vm"] = "web-02", ["wait"] = false }));
        started.GetProperty("status").GetString().ShouldBe("in_progress");
        started.GetProperty("virtual_machine").ValueKind.ShouldBe(JsonValueKind.Null);
        var jobId = started.GetProperty("job_id").GetString()!;
        started.GetProperty("note").GetString()!.ShouldContain($"cloudstack_list resource=job job_id={jobId}");
        _fake.Count("queryAsyncJobResult").ShouldBe(0);

        var once = Structured(await bastion.CallAsync("cloudstack_list", new() { ["resource"] = "job", ["job_id"] = jobId })).GetProperty("job");
        once.GetProperty("status").GetString().ShouldBe("in_progress");
        var done = Structured(await bastion.CallAsync("cloudstack_list", new() { ["resource"] = "job", ["job_id"] = jobId, ["wait"] = true })).GetProperty("job");
        done.GetProperty("status").GetString().ShouldBe("succeeded");
        done.GetProperty("virtual_machine").GetProperty("name").GetString().ShouldBe("web-02");
    }

    [Fact]
    public async Task AFailedJob_IsAToolError_QuotingCloudStacksErrorCode()
    {
        var asked = new List<string>();
        await using var bastion = await McpHarness.StartAsync(_fake, client: Elicitation(true, asked));
        var result = await bastion.CallAsync("cloudstack_vm_control", new()
        {
            ["action"] = "deploy", ["zone_id"] = FakeSeed.ZoneA, ["template_id"] = FakeSeed.TemplateDebian, ["service_offering_id"] = FakeSeed.OfferingLarge, ["name"] = "fail-huge",
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
        var result = Structured(await bastion.CallAsync("cloudstack_vm_control", new() { ["action"] = "destroy", ["vm"] = "batch-01", ["expunge"] = true }));
        result.GetProperty("status").GetString().ShouldBe("succeeded");
        asked.Single().ShouldContain("destroy and expunge CloudStack VM batch-01");
        _fake.Cloud.Vms.ShouldNotContain(v => v.Id == FakeSeed.VmBatch);
    }

    [Fact]
    public async Task AnotherAccountsVm_IsRefusedByCloudStack_WithItsErrorCode()
    {
        var asked = new List<string>();
        await using var bastion = await McpHarness.StartAsync(_fake, client: Elicitation(true, asked));
        var result = await bastion.CallAsync("cloudstack_vm_control", new() { ["action"] = "stop", ["vm"] = "billing-01" });
        McpHarness.Text(result).ShouldContain("errorcode 531");
        _fake.Cloud.Vms.Single(v => v.Id == FakeSeed.VmBilling).State.ShouldBe("Running");
    }
}
