using System.Text.Json;
using Bastion.Core.Credentials;
using Bastion.Core.Policy;
using Bastion.Testing;
using ModelContextProtocol.Client;
using ModelContextProtocol.Protocol;

namespace Bastion.Providers.Cloudways.Tests;

/// <summary>The Cloudways toolsets through Bastion's real call pipeline, with the official SDK client over in-memory pipes.</summary>
public sealed class PipelineTests
{
    private static string Text(CallToolResult result) => string.Join("\n", result.Content.OfType<TextContentBlock>().Select(c => c.Text));

    private static JsonElement Structured(CallToolResult result)
    {
        result.IsError.ShouldNotBe(true, Text(result));
        return result.StructuredContent.ShouldNotBeNull();
    }

    private static McpClientOptions Approving(List<string> asked) => new()
    {
        Handlers = new McpClientHandlers
        {
            ElicitationHandler = (request, _) =>
            {
                asked.Add(request!.Message);
                return ValueTask.FromResult(new ElicitResult { Action = "accept", Content = new Dictionary<string, JsonElement> { ["approve"] = JsonSerializer.SerializeToElement(true) } });
            },
        },
    };

    [Fact]
    public async Task CloudwaysServers_AreBastionHosts_InHostsList()
    {
        await using var h = await Harness.StartAsync(session: true);

        var hosts = Structured(await h.Client.CallToolAsync("hosts_list", new Dictionary<string, object?> { ["select"] = "backend=cloudways" }));

        hosts.GetProperty("total").GetInt32().ShouldBe(2);
        var prod = hosts.GetProperty("hosts")[0];
        prod.GetProperty("name").GetString().ShouldBe("prod-do");
        prod.GetProperty("kind").GetString().ShouldBe("platform");
        prod.GetProperty("address").GetString().ShouldBe("203.0.113.10");
        prod.GetProperty("labels").GetProperty("region").GetString().ShouldBe("lon1");
        hosts.GetProperty("notes").GetArrayLength().ShouldBe(0);
    }

    [Fact]
    public async Task Restart_WithoutElicitation_ReturnsAPlan_ThenRunsOnceWithTheHandle_ReportingProgress()
    {
        await using var h = await Harness.StartAsync(mode: Mode.Operator, session: true);
        var arguments = new Dictionary<string, object?> { ["server_id"] = 50482, ["action"] = "restart" };

        var plan = await h.Client.CallToolAsync("cloudways_server_change", arguments);

        plan.IsError.ShouldBe(true);
        Text(plan).ShouldStartWith("Confirmation required: nothing ran yet.");
        h.Requests("POST", "/server/restart").ShouldBeEmpty();
        var handle = JsonDocument.Parse(Text(plan).Split('\n', 2)[1]).RootElement.GetProperty("confirmation").GetString()!;

        await using var progress = ProgressRecorder.On(h.Client);
        var done = Structured(await h.Client.CallToolAsync("cloudways_server_change", new Dictionary<string, object?>(arguments) { ["confirm"] = handle }, progress)).GetProperty("power");

        done.GetProperty("state").GetString().ShouldBe("completed");
        done.GetProperty("host").GetString().ShouldBe("prod-do");
        done.GetProperty("server_status").GetString().ShouldBe("running");
        done.GetProperty("operation_id").GetString().ShouldNotBeNullOrEmpty();
        h.Fake.State.Servers[0].Restarts.ShouldBe(1);
        h.Requests("POST", "/server/restart").Count.ShouldBe(1);
        (await progress.AtLeastAsync(2))[^1].Message.ShouldNotBeNull().ShouldContain("restart of server 50482");

        var again = await h.Client.CallToolAsync("cloudways_server_change", new Dictionary<string, object?>(arguments) { ["confirm"] = handle });
        Text(again).ShouldContain("unknown or was already used");
        h.Fake.State.Servers[0].Restarts.ShouldBe(1);
    }

    [Fact]
    public async Task Restart_WithElicitation_AsksTheUser_NamingTheHost_ThenRuns()
    {
        var asked = new List<string>();
        await using var h = await Harness.StartAsync(mode: Mode.Operator, session: true, client: Approving(asked));

        var done = Structured(await h.Client.CallToolAsync("cloudways_server_change", new Dictionary<string, object?> { ["host"] = "prod-do", ["action"] = "restart" })).GetProperty("power");

        asked.ShouldHaveSingleItem().ShouldContain("cloudways_server_change");
        asked[0].ShouldContain("prod-do (1 host)");
        done.GetProperty("server_id").GetInt64().ShouldBe(50482);
        h.Fake.State.Servers[0].Restarts.ShouldBe(1);
        var audit = h.AuditText();
        audit.ShouldContain("\"intent\"");
        audit.ShouldContain("prod-do");
    }

    [Fact]
    public async Task Stop_IsDestructive_AndADeclinedCallStopsNothing()
    {
        var client = new McpClientOptions
        {
            Handlers = new McpClientHandlers
            {
                ElicitationHandler = (_, _) => ValueTask.FromResult(new ElicitResult { Action = "decline" }),
            },
        };
        await using var h = await Harness.StartAsync(mode: Mode.Operator, session: true, client: client);

        var result = await h.Client.CallToolAsync("cloudways_server_change", new Dictionary<string, object?> { ["server_id"] = 50482, ["action"] = "stop" });

        Text(result).ShouldBe("The user declined; nothing ran.");
        h.Requests("POST", "/server/stop").ShouldBeEmpty();
        h.Fake.State.Servers[0].Status.ShouldBe("running");
    }

    [Fact]
    public async Task Start_IsNotDestructive_SoItRunsWithoutAsking_InOperatorMode()
    {
        await using var h = await Harness.StartAsync(mode: Mode.Operator, session: true);
        h.Fake.State.Servers[1].Status = "stopped";

        var done = Structured(await h.Client.CallToolAsync("cloudways_server_start", new Dictionary<string, object?> { ["server_id"] = 50483 }));

        done.GetProperty("server_status").GetString().ShouldBe("running");
    }

    [Fact]
    public async Task ReadOnlyMode_HidesAndRefusesPowerOperations()
    {
        await using var h = await Harness.StartAsync(session: true);

        var names = (await h.Client.ListToolsAsync()).Select(t => t.Name).ToList();
        var refused = await h.Client.CallToolAsync("cloudways_server_change", new Dictionary<string, object?> { ["server_id"] = 50482, ["action"] = "restart" });

        names.ShouldContain("cloudways_list");
        names.ShouldNotContain("cloudways_server_change");
        names.ShouldNotContain("cloudways_server_start");
        names.ShouldNotContain("cloudways_app_credentials");
        Text(refused).ShouldContain("read-only mode");
        h.Requests("POST", "/server/restart").ShouldBeEmpty();
    }

    [Fact]
    public async Task AReadRoleToken_RefusedByCloudways_ComesBackAsAToolErrorTheModelCanRead()
    {
        var asked = new List<string>();
        var vault = new Dictionary<string, string> { [CloudwaysVault.AccessToken] = Harness.ReadToken };
        await using var h = await Harness.StartAsync(vault, mode: Mode.Operator, session: true, client: Approving(asked));

        var result = await h.Client.CallToolAsync("cloudways_server_change", new Dictionary<string, object?> { ["server_id"] = 50482, ["action"] = "restart" });

        result.IsError.ShouldBe(true);
        Text(result).ShouldContain("READ tokens cannot start, stop or restart");
        h.Fake.State.Servers[0].Restarts.ShouldBe(0);
    }

    [Fact]
    public async Task StatusTools_ReportTokenHealth_AndNeverTheToken()
    {
        await using var h = await Harness.StartAsync(session: true);

        var status = Structured(await h.Client.CallToolAsync("cloudways_status"));
        var credentials = Structured(await h.Client.CallToolAsync("credentials_status"));

        status.GetProperty("configured").GetBoolean().ShouldBeTrue();
        status.GetProperty("auth").GetString().ShouldBe("api_key");
        status.GetProperty("authenticated").GetBoolean().ShouldBeTrue();
        status.GetProperty("api_path").GetString().ShouldBe("/api/v1");
        status.GetProperty("token").GetProperty("state").GetString().ShouldBe("valid");
        status.GetProperty("token").GetProperty("expires_in_seconds").GetDouble().ShouldBeInRange(3500, 3600);
        var entry = credentials.GetProperty("credentials").EnumerateArray().ShouldHaveSingleItem();
        entry.GetProperty("name").GetString().ShouldBe("cloudways");
        entry.GetProperty("state").GetString().ShouldBe("valid");
        var token = h.Fake.State.Tokens.Single(t => t.ApiKey is not null).Value;
        status.GetRawText().ShouldNotContain(token);
        credentials.GetRawText().ShouldNotContain(token);
    }

    [Fact]
    public async Task TheCloudwaysToken_IsRegistered_BeforeAnyCloudwaysCall()
    {
        await using var h = await Harness.StartAsync();

        var status = h.Get<TokenProviderRegistry>().Statuses().ShouldHaveSingleItem();

        status.Name.ShouldBe("cloudways");
        status.State.ShouldBe(TokenStates.NeverFetched);
        h.Fake.Requests.ShouldBeEmpty();
    }

    [Fact]
    public async Task Status_WithARevokedKey_SaysSo_AndWhatToDo()
    {
        var vault = new Dictionary<string, string> { [CloudwaysVault.Email] = Harness.Email, [CloudwaysVault.ApiKey] = "cw-revoked-key-4411" };
        await using var h = await Harness.StartAsync(vault, session: true);

        var status = Structured(await h.Client.CallToolAsync("cloudways_status"));

        status.GetProperty("reachable").GetBoolean().ShouldBeTrue();
        status.GetProperty("authenticated").GetBoolean().ShouldBeFalse();
        status.GetProperty("token").GetProperty("state").GetString().ShouldBe("revoked");
        status.GetProperty("advice").GetString().ShouldNotBeNull().ShouldContain("bastion vault set cloudways/api-key");
        status.GetRawText().ShouldNotContain("cw-revoked-key-4411");
    }

    [Fact]
    public async Task AppCredentials_NeedTheSecretsReadScope()
    {
        await using var h = await Harness.StartAsync(mode: Mode.Operator, session: true);

        var result = await h.Client.CallToolAsync("cloudways_app_credentials", new Dictionary<string, object?> { ["server_id"] = 50482, ["app_id"] = 131933 });

        result.IsError.ShouldBe(true);
        Text(result).ShouldContain("needs the scope 'secrets:read'");
        h.Requests("GET", "/app/creds").ShouldBeEmpty();
    }

    [Fact]
    public async Task AppCredentials_AreMarkedAsReturningSecrets_InTheCatalogue()
    {
        await using var h = await Harness.StartAsync(mode: Mode.Admin, session: true);

        var tool = (await h.Client.ListToolsAsync()).Single(t => t.Name == "cloudways_app_credentials").ProtocolTool;

        tool.Meta.ShouldNotBeNull()["bastion/returns-secrets"]!.GetValue<bool>().ShouldBeTrue();
        tool.Meta["bastion/scope"]!.GetValue<string>().ShouldBe("secrets:read");
        tool.Title.ShouldNotBeNull().ShouldContain("returns passwords");
    }

    [Fact]
    public async Task AppCredentials_ReturnThePassword_ToAnAuthorisedCaller_AndTheAuditLogDoesNotHoldIt()
    {
        await using var h = await Harness.StartAsync(mode: Mode.Admin, session: true);
        const string password = "appPw-Shop-91c3e7a2";

        var result = Structured(await h.Client.CallToolAsync("cloudways_app_credentials", new Dictionary<string, object?> { ["server_id"] = 50482, ["app_id"] = 131933 }));

        result.GetProperty("credentials")[0].GetProperty("sys_password").GetString().ShouldBe(password);
        h.AuditText().ShouldNotContain(password);
        h.Logs.Lines.ShouldNotContain(l => l.Contains(password, StringComparison.Ordinal));
    }
}
