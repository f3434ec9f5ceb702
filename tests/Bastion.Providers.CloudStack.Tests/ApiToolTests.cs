using System.Text.Json;
using Bastion.Fakes.CloudStack;
using ModelContextProtocol.Client;
using ModelContextProtocol.Protocol;

namespace Bastion.Providers.CloudStack.Tests;

/// <summary>cloudstack_list resource=apis and cloudstack_api_call through the real MCP pipeline against the strict fake.</summary>
public sealed class ApiToolTests : IAsyncLifetime
{
    private CloudStackFake _fake = null!;

    public async Task InitializeAsync() => _fake = await CloudStackFake.StartAsync();

    public async Task DisposeAsync() => await _fake.DisposeAsync();

    private static JsonElement Structured(CallToolResult result)
    {
        result.IsError.ShouldNotBe(true, McpHarness.Text(result));
        return result.StructuredContent!.Value;
    }

    private static McpClientOptions Asking(bool approve, List<string> asked) => new()
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

    private static Dictionary<string, object?> Call(string api, object? parameters = null, bool? wait = null)
    {
        var arguments = new Dictionary<string, object?> { ["api"] = api };
        if (parameters is not null)
        {
            arguments["params"] = parameters;
        }

        if (wait is { } w)
        {
            arguments["wait"] = w;
        }

        return arguments;
    }

    [Fact]
    public async Task Apis_SearchesWhatTheCredentialsMayCall_WithParamsKindsAndAsync_CachedPerCredentials()
    {
        await using var bastion = await McpHarness.StartAsync(_fake);
        var volumes = Structured(await bastion.CallAsync("cloudstack_list", new() { ["resource"] = "apis", ["keyword"] = "volume" }));
        var byName = volumes.GetProperty("apis").EnumerateArray().ToDictionary(a => a.GetProperty("name").GetString()!);
        byName.Keys.ShouldContain("attachVolume");
        byName.Keys.ShouldContain("listVolumes");
        (byName["attachVolume"].GetProperty("kind").GetString(), byName["attachVolume"].GetProperty("is_async").GetBoolean()).ShouldBe(("change", true));
        (byName["listVolumes"].GetProperty("kind").GetString(), byName["listVolumes"].GetProperty("is_async").GetBoolean()).ShouldBe(("read", false));
        byName["attachVolume"].GetProperty("params").GetArrayLength().ShouldBe(0, "a list of several leaves parameters out");
        volumes.GetProperty("apis_available").GetInt32().ShouldBeGreaterThan(20);

        var stop = Structured(await bastion.CallAsync("cloudstack_list", new() { ["resource"] = "apis", ["keyword"] = "stopVirtualMachine" }));
        var api = stop.GetProperty("apis").EnumerateArray().Single();
        var parameters = api.GetProperty("params").EnumerateArray().Select(p => (p.GetProperty("name").GetString(), p.GetProperty("type").GetString(), p.GetProperty("required").GetBoolean())).ToList();
        parameters.ShouldBe([("id", "uuid", true), ("forced", "boolean", false)]);

        Structured(await bastion.CallAsync("cloudstack_list", new() { ["resource"] = "apis", ["keyword"] = "snapshot", ["detail"] = true }))
            .GetProperty("apis").EnumerateArray().ShouldAllBe(a => a.GetProperty("params").GetArrayLength() > 0);
        _fake.Count("listApis").ShouldBe(1, "listApis is asked once and cached for these credentials");
    }

    [Fact]
    public async Task Apis_OfAnOrdinaryUser_LeaveOutAdminApis()
    {
        _fake.Cloud.Users.Count.ShouldBe(1);
        using var admin = Clients.For(Clients.Keys(_fake));
        var created = await admin.ChangeAsync("createUser", Clients.With(("account", FakeSeed.Account), ("email", "u@example.org"), ("firstname", "U"), ("lastname", "Ser"), ("password", "pw-1234567"), ("username", "plain")), CancellationToken.None);
        var keys = await admin.ChangeAsync("registerUserKeys", Clients.With(("id", created.GetProperty("user").GetProperty("id").GetString())), CancellationToken.None);
        var userKeys = keys.GetProperty("userkeys");
        using var user = Clients.For(Clients.Keys(_fake, secret: userKeys.GetProperty("secretkey").GetString(), apiKey: userKeys.GetProperty("apikey").GetString()));
        var answer = await user.ReadAsync("listApis", Clients.None(), CancellationToken.None);
        var names = answer.GetProperty("api").EnumerateArray().Select(a => a.GetProperty("name").GetString()).ToList();
        names.ShouldContain("listVirtualMachines");
        names.ShouldNotContain("createUser");
        names.ShouldNotContain("listCapacity");
        var refused = await Should.ThrowAsync<PlatformException>(() => user.ChangeAsync("createUser", Clients.None(), CancellationToken.None));
        refused.Status.ShouldBe(432);
    }

    [Fact]
    public async Task ApiCall_Read_RunsWithoutConfirmation_OnePageBounded()
    {
        var asked = new List<string>();
        await using var bastion = await McpHarness.StartAsync(_fake, client: Asking(approve: false, asked));
        var result = Structured(await bastion.CallAsync("cloudstack_api_call", Call("listVirtualMachines", new { state = "Running" })));
        result.GetProperty("kind").GetString().ShouldBe("read");
        result.GetProperty("result").GetProperty("count").GetInt32().ShouldBe(4);
        result.GetProperty("result").GetProperty("virtualmachine").EnumerateArray().Select(v => v.GetProperty("name").GetString()).ShouldBe(["web-01", "web-02", "app", "app"]);
        result.GetProperty("sent").GetProperty("pagesize").GetString().ShouldBe("50");
        asked.ShouldBeEmpty("a read asks no one");
        var read = _fake.Requests.Last(r => r.Command == "listVirtualMachines");
        read.Method.ShouldBe("GET");
        read.Query.ShouldContain("state=Running");

        for (var i = 0; i < 120; i++)
        {
            _fake.Cloud.AddVm($"bulk-{i:000}");
        }

        var paged = Structured(await bastion.CallAsync("cloudstack_api_call", Call("listVirtualMachines")));
        paged.GetProperty("result").GetProperty("virtualmachine").GetArrayLength().ShouldBe(50);
        paged.GetProperty("note").GetString()!.ShouldContain("page=2");
    }

    [Fact]
    public async Task ApiCall_BadApiOrParams_AreRefusedBeforeAnyoneIsAsked_AndNothingIsSent()
    {
        var asked = new List<string>();
        await using var bastion = await McpHarness.StartAsync(_fake, client: Asking(approve: true, asked));

        var unknown = await bastion.CallAsync("cloudstack_api_call", Call("stopVirtualMachines", new { id = FakeSeed.VmWeb01 }));
        unknown.IsError.ShouldBe(true);
        McpHarness.Text(unknown).ShouldContain("'stopVirtualMachines' is not among the");
        McpHarness.Text(unknown).ShouldContain("Close names: stopVirtualMachine");

        var badName = McpHarness.Text(await bastion.CallAsync("cloudstack_api_call", Call("stopVirtualMachine", new { id = FakeSeed.VmWeb01, force = true })));
        badName.ShouldContain("it has no parameter 'force'");
        badName.ShouldContain("Accepted: id (uuid, required), forced (boolean)");

        McpHarness.Text(await bastion.CallAsync("cloudstack_api_call", Call("stopVirtualMachine", new { forced = true }))).ShouldContain("it requires id");
        McpHarness.Text(await bastion.CallAsync("cloudstack_api_call", Call("stopVirtualMachine", new { id = FakeSeed.VmWeb01, forced = "yes" }))).ShouldContain("'forced' is of type boolean");
        McpHarness.Text(await bastion.CallAsync("cloudstack_api_call", Call("stopVirtualMachine", new { id = FakeSeed.VmWeb01, apiKey = "x" }))).ShouldContain("set by Bastion itself");

        asked.ShouldBeEmpty("a call that would be refused is never put to a person");
        _fake.Count("stopVirtualMachine").ShouldBe(0);
        _fake.Requests.ShouldAllBe(r => r.Method == "GET", "only reads went out (listApis, the inventory)");
        bastion.AuditText.ShouldContain("\"refused\"");
    }

    [Fact]
    public async Task ApiCall_Change_Declined_SendsNothing_AndTheQuestionShowsApiAndParameters()
    {
        var asked = new List<string>();
        await using var bastion = await McpHarness.StartAsync(_fake, client: Asking(approve: false, asked));
        var result = await bastion.CallAsync("cloudstack_api_call", Call("stopVirtualMachine", new { id = FakeSeed.VmWeb01, forced = true }));
        result.IsError.ShouldBe(true);
        McpHarness.Text(result).ShouldContain("declined");
        asked.Single().ShouldContain($"call CloudStack's stopVirtualMachine (an async job) with id={FakeSeed.VmWeb01}, forced=true");
        _fake.Count("stopVirtualMachine").ShouldBe(0);
        _fake.Cloud.Vms.Single(v => v.Id == FakeSeed.VmWeb01).State.ShouldBe("Running");
        bastion.AuditText.ShouldContain("cloudstack_api_call");
        bastion.AuditText.ShouldContain("\"declined\"");
    }

    [Fact]
    public async Task ApiCall_AsyncChange_Confirmed_IsFollowedToTheJobsEnd_WithProgress()
    {
        var asked = new List<string>();
        await using var bastion = await McpHarness.StartAsync(_fake, client: Asking(approve: true, asked));
        var result = Structured(await bastion.CallAsync("cloudstack_api_call", Call("stopVirtualMachine", new { id = FakeSeed.VmWeb01 })));
        asked.Count.ShouldBe(1);
        result.GetProperty("kind").GetString().ShouldBe("change");
        result.GetProperty("job_status").GetString().ShouldBe("succeeded");
        result.GetProperty("result").GetProperty("virtualmachine").GetProperty("state").GetString().ShouldBe("Stopped");
        _fake.Count("stopVirtualMachine").ShouldBe(1);
        _fake.Requests.Single(r => r.Command == "stopVirtualMachine").Method.ShouldBe("POST");
        (await bastion.ProgressAsync(m => m.Contains("(stopVirtualMachine)", StringComparison.Ordinal) && m.EndsWith(": succeeded", StringComparison.Ordinal))).ShouldNotBeEmpty();
        bastion.AuditText.ShouldContain("\"confirmed\"");
    }

    [Fact]
    public async Task ApiCall_AsyncJobThatFails_IsAToolError_QuotingCloudStack()
    {
        _fake.Faults.FailNextJob = (530, "Unable to stop VM: host agent timed out");
        await using var bastion = await McpHarness.StartAsync(_fake, client: Asking(approve: true, []));
        var result = await bastion.CallAsync("cloudstack_api_call", Call("stopVirtualMachine", new { id = FakeSeed.VmWeb01 }));
        result.IsError.ShouldBe(true);
        McpHarness.Text(result).ShouldContain("failed: errorcode 530: Unable to stop VM: host agent timed out");
    }

    [Fact]
    public async Task ApiCall_SyncChange_WithMapAndList_SendsCloudStacksEncoding_AndHidesSecrets()
    {
        await using var bastion = await McpHarness.StartAsync(_fake, client: Asking(approve: true, []));
        var created = Structured(await bastion.CallAsync("cloudstack_api_call", Call("createUser", new { account = "ops", email = "a@example.org", firstname = "A", lastname = "B", password = "pw-secret-1", username = "auditor" })));
        var id = created.GetProperty("result").GetProperty("user").GetProperty("id").GetString()!;
        created.GetProperty("sent").GetProperty("password").GetString()!.ShouldNotContain("pw-secret-1");

        var keys = Structured(await bastion.CallAsync("cloudstack_api_call", Call("registerUserKeys", new { id })));
        var secret = _fake.Cloud.Users.Single(u => u.Username == "auditor").SecretKey!;
        keys.GetRawText().ShouldNotContain(secret[..12]);
        keys.GetProperty("result").GetProperty("userkeys").GetProperty("secretkey").GetString()!.ShouldStartWith("[");
        var read = Structured(await bastion.CallAsync("cloudstack_api_call", Call("getUserKeys", new { id })));
        read.GetProperty("kind").GetString().ShouldBe("read");
        read.GetProperty("result").GetProperty("userkeys").GetProperty("secretkey").GetString()!.ShouldStartWith("[");
        read.GetRawText().ShouldNotContain(_fake.Cloud.Users.Single(u => u.Username == "auditor").SecretKey![..12]);

        var deploy = await bastion.CallAsync("cloudstack_api_call", Call("deployVirtualMachine", new
        {
            zoneid = FakeSeed.ZoneA, templateid = FakeSeed.TemplateDebian, serviceofferingid = FakeSeed.OfferingSmall, name = "mapped",
            networkids = new[] { FakeSeed.NetworkA, FakeSeed.NetworkShared },
            details = new[] { new { cpuNumber = "2" } },
        }));
        Structured(deploy).GetProperty("job_status").GetString().ShouldBe("succeeded");
        var body = Uri.UnescapeDataString(_fake.Requests.Single(r => r.Command == "deployVirtualMachine").Body);
        body.ShouldContain($"networkids={FakeSeed.NetworkA},{FakeSeed.NetworkShared}");
        body.ShouldContain("details[0].cpuNumber=2");
    }
}
