using System.Text.Json;
using Bastion.Fakes.WebOps;
using Bastion.Fakes.WebOps.Faults;
using Bastion.Testing;
using ModelContextProtocol.Client;
using ModelContextProtocol.Protocol;
using static Bastion.Providers.WebOps.Tests.Mcp.ToolResults;

namespace Bastion.Providers.WebOps.Tests.Mcp;

/// <summary>
/// deploy → status → logs → restart on WebOps through a real MCP client and the real call pipeline, confirmed with a
/// plan handle or by elicitation, with progress while Bastion follows the build.
/// </summary>
public sealed class DeployWorkflowTests : IAsyncLifetime
{
    private FakeWebOps _fake = null!;

    public async Task InitializeAsync() => _fake = await FakeWebOps.StartAsync(new FakeWebOpsOptions { BuildPolls = 4 });

    public async Task DisposeAsync() => await _fake.DisposeAsync();

    private static Dictionary<string, object?> Deploy(string name = "blog", string repository = "https://git.example.org/me/blog.git") => new()
    {
        ["action"] = "deploy",
        ["name"] = name,
        ["repository"] = repository,
        ["branch"] = "release",
        ["environment"] = "staging",
        ["env_vars"] = new Dictionary<string, string> { ["DEBUG"] = "False" },
    };

    [Fact]
    public async Task DeployStatusLogsRestart_WithPlanAndHandle_AndProgress()
    {
        await using var bastion = await WebOpsHarness.StartAsync(WebOpsHarness.SessionVault(_fake), mcp: true);
        var client = bastion.Mcp;

        // deploy: the first call is only a plan; nothing reaches WebOps until the handle comes back.
        var plan = await client.CallToolAsync("webops_deployment_control", Deploy());
        var handle = Handle(plan);
        _fake.Count("POST", "/api/deployments/create/").ShouldBe(0);
        await using var progress = ProgressRecorder.On(client);
        var deployed = Ok(await client.CallToolAsync("webops_deployment_control", new Dictionary<string, object?>(Deploy()) { ["confirm"] = handle }, progress)).GetProperty("deploy");

        deployed.GetProperty("outcome").GetString().ShouldBe("running");
        deployed.GetProperty("deployment").GetProperty("branch").GetString().ShouldBe("release");
        deployed.GetProperty("recent_logs").EnumerateArray().Last().GetProperty("level").GetString().ShouldBe("success");
        var steps = await progress.AtLeastAsync(5);
        steps.Select(v => v.Progress).ShouldBe([1f, 2f, 3f, 4f, 5f]);
        steps.Select(v => v.Message).ShouldBe(
            ["deployment blog: building", "deployment blog: building", "deployment blog: building", "deployment blog: building", "deployment blog: running"]);
        _fake.Read(s => s.Deployments.Single().EnvVars).ShouldBe(new Dictionary<string, string> { ["DEBUG"] = "False", ["ENVIRONMENT"] = "staging" });

        // status: the record, the process and the newest logs in one call.
        var status = Ok(await client.CallToolAsync("webops_deployment", new Dictionary<string, object?> { ["resource"] = "status", ["name"] = "blog", ["limit"] = 2 })).GetProperty("status");
        status.GetProperty("deployment").GetProperty("status").GetString().ShouldBe("running");
        var process = status.GetProperty("process");
        process.GetProperty("status").GetString().ShouldBe("running");
        process.GetProperty("memory_bytes").GetInt64().ShouldBe((long)(181.5 * 1024 * 1024));
        var pid = process.GetProperty("pid").GetInt32();
        status.GetProperty("recent_logs").GetArrayLength().ShouldBe(2);

        // logs by level.
        var warnings = Ok(await client.CallToolAsync("webops_deployment", new Dictionary<string, object?> { ["resource"] = "logs", ["name"] = "blog", ["level"] = "warning" })).GetProperty("logs");
        warnings.GetProperty("entries").EnumerateArray().Select(e => e.GetProperty("message").GetString()).ShouldBe(["DEBUG is on in .env; turn it off for production"]);

        // restart: confirmed, followed until the process changed.
        var restarted = Ok(await ConfirmedAsync(client, "webops_deployment_control", new() { ["name"] = "blog", ["action"] = "restart" }, progress)).GetProperty("service");
        restarted.GetProperty("outcome").GetString().ShouldBe("done");
        restarted.GetProperty("message").GetString().ShouldBe("Deployment blog restart queued");
        restarted.GetProperty("process").GetProperty("pid").GetInt32().ShouldNotBe(pid);
        restarted.GetProperty("process").GetProperty("restart_count").GetInt32().ShouldBe(1);
        restarted.GetProperty("new_logs").EnumerateArray().Select(e => e.GetProperty("message").GetString()).ShouldBe(["Restart requested", "Service restarted"]);
        _fake.Count("POST", "/api/deployments/blog/restart/").ShouldBe(1);
        (await progress.AtLeastAsync(1, call: 1))[0].Message!.ShouldStartWith("restart of blog: process running, pid ");
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task WithElicitation_TheUsersAnswerDecides_WhetherWebOpsIsAsked(bool approve)
    {
        var asked = new List<string>();
        var options = new McpClientOptions
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
        await using var bastion = await WebOpsHarness.StartAsync(WebOpsHarness.SessionVault(_fake), mcp: true, client: options);

        var result = await bastion.Mcp.CallToolAsync("webops_deployment_control", Deploy("shop", "https://git.example.org/acme/shop.git"));

        asked.Single().ShouldContain("deploy a new WebOps app 'shop'");
        asked.Single().ShouldContain("https://git.example.org/acme/shop.git");
        if (approve)
        {
            Ok(result).GetProperty("deploy").GetProperty("outcome").GetString().ShouldBe("running");
            var stopped = Ok(await bastion.Mcp.CallToolAsync("webops_deployment_control", new Dictionary<string, object?> { ["name"] = "shop", ["action"] = "stop" })).GetProperty("service");
            stopped.GetProperty("outcome").GetString().ShouldBe("done");
            stopped.GetProperty("status").GetString().ShouldBe("stopped");
            asked.Count.ShouldBe(2);
        }
        else
        {
            Text(result).ShouldBe("The user declined; nothing ran.");
            _fake.Count("POST", "/api/").ShouldBe(0);
            _fake.Read(s => s.Deployments.Count()).ShouldBe(0);
        }
    }

    [Fact]
    public async Task AFailedBuild_IsAnOutcomeWithTheErrorLog_NotAToolError()
    {
        await using var bastion = await WebOpsHarness.StartAsync(WebOpsHarness.SessionVault(_fake), mcp: true);
        var result = Ok(await ConfirmedAsync(bastion.Mcp, "webops_deployment_control", Deploy("legacy", "https://git.example.org/me/broken-app.git"))).GetProperty("deploy");

        result.GetProperty("outcome").GetString().ShouldBe("failed");
        result.GetProperty("recent_logs").EnumerateArray().Last().GetProperty("message").GetString().ShouldBe("Build failed: requirements.txt not found in repository");
        result.GetProperty("notes").EnumerateArray().Single().GetString()!.ShouldStartWith("The build failed; the error entries in recent_logs say why.");
    }

    [Fact]
    public async Task DeployWithoutWaiting_ReturnsQueued_AndStatusFollowsTheBuild()
    {
        await using var bastion = await WebOpsHarness.StartAsync(WebOpsHarness.SessionVault(_fake), mcp: true);
        var result = Ok(await ConfirmedAsync(bastion.Mcp, "webops_deployment_control", new Dictionary<string, object?>(Deploy()) { ["wait"] = false })).GetProperty("deploy");

        result.GetProperty("outcome").GetString().ShouldBe("queued");
        result.GetProperty("deployment").GetProperty("status").GetString().ShouldBe("pending");
        var status = Ok(await bastion.Mcp.CallToolAsync("webops_deployment", new Dictionary<string, object?> { ["resource"] = "status", ["name"] = "blog" })).GetProperty("status");
        status.GetProperty("deployment").GetProperty("status").GetString().ShouldBe("building");
        status.GetProperty("notes").EnumerateArray().Select(n => n.GetString()).ShouldContain("A build is in progress; call again to follow it.");
    }

    [Fact]
    public async Task Start_OfAStoppedApp_SaysThatWebOpsStartedNoProcess()
    {
        await using var bastion = await WebOpsHarness.StartAsync(WebOpsHarness.SessionVault(_fake), mcp: true);
        _fake.Mutate(s => s.Create("admin", "wiki", "https://git.example.org/me/wiki.git", "main", string.Empty, [], "stopped"));

        var started = Ok(await ConfirmedAsync(bastion.Mcp, "webops_deployment_control", new() { ["name"] = "wiki", ["action"] = "start" })).GetProperty("service");

        started.GetProperty("status").GetString().ShouldBe("running");
        started.GetProperty("process").GetProperty("status").GetString().ShouldBe("stopped");
        started.GetProperty("notes").EnumerateArray().Select(n => n.GetString()).ShouldContain(n => n!.Contains("WebOps's start sets the record only. Use action restart"));
    }

    [Fact]
    public async Task ARestartBastionCannotWatch_IsQueued_AndSaysWhy()
    {
        await using var bastion = await WebOpsHarness.StartAsync(WebOpsHarness.SessionVault(_fake), mcp: true);
        _fake.Mutate(s => s.Create("admin", "wiki", "https://git.example.org/me/wiki.git", "main", string.Empty, [], "running"));
        _fake.Inject(Fault.Unavailable("/monitoring/api/service/", "GET", times: 3));

        var restarted = Ok(await ConfirmedAsync(bastion.Mcp, "webops_deployment_control", new() { ["name"] = "wiki", ["action"] = "restart" })).GetProperty("service");

        restarted.GetProperty("outcome").GetString().ShouldBe("queued");
        restarted.GetProperty("notes").EnumerateArray().Select(n => n.GetString()).ShouldContain(n => n!.StartsWith("Bastion cannot watch the restart", StringComparison.Ordinal));
        _fake.Count("POST", "/api/deployments/wiki/restart/").ShouldBe(1);
    }

    [Fact]
    public async Task AnEnvVarWithoutValue_IsRefusedBeforeWebOpsIsAsked()
    {
        await using var bastion = await WebOpsHarness.StartAsync(WebOpsHarness.SessionVault(_fake), mcp: true);
        var result = await ConfirmedAsync(bastion.Mcp, "webops_deployment_control", new() { ["action"] = "deploy", ["name"] = "blog", ["repository"] = "https://git.example.org/me/blog.git", ["env_vars"] = new Dictionary<string, string?> { ["DEBUG"] = null } });

        result.IsError.ShouldBe(true);
        Text(result).ShouldBe("env_vars.DEBUG has no value; give every variable a string (\"\" for empty).");
        _fake.Count("POST", "/api/").ShouldBe(0);
    }

    [Fact]
    public async Task ParametersTheChoiceDoesNotTakeOrLacks_AreRefusedBeforeAnyoneIsAsked_AndNothingIsSent()
    {
        var asked = new List<string>();
        var options = new McpClientOptions
        {
            Handlers = new McpClientHandlers
            {
                ElicitationHandler = (request, _) =>
                {
                    asked.Add(request!.Message);
                    return ValueTask.FromResult(new ElicitResult { Action = "decline" });
                },
            },
        };
        await using var bastion = await WebOpsHarness.StartAsync(WebOpsHarness.SessionVault(_fake), mcp: true, client: options);
        async Task<string> ErrorAsync(string tool, Dictionary<string, object?> arguments)
        {
            var result = await bastion.Mcp.CallToolAsync(tool, arguments);
            result.IsError.ShouldBe(true);
            return Text(result);
        }

        (await ErrorAsync("webops_deployment_control", new() { ["action"] = "restart", ["name"] = "blog", ["branch"] = "main" }))
            .ShouldBe("action 'restart' does not take branch; only deploy does. Leave it out.");
        (await ErrorAsync("webops_deployment_control", new() { ["action"] = "scan", ["name"] = "system", ["wait"] = true }))
            .ShouldBe("action 'scan' does not take wait; only deploy, start, stop, restart, delete do. Leave it out.");
        (await ErrorAsync("webops_deployment_control", new() { ["action"] = "deploy", ["name"] = "blog" }))
            .ShouldBe("action 'deploy' needs repository: a git URL, http or https.");
        (await ErrorAsync("webops_deployment", new() { ["resource"] = "list", ["level"] = "error" }))
            .ShouldBe("resource 'list' does not take level; only logs does. Leave it out.");
        (await ErrorAsync("webops_deployment", new() { ["resource"] = "status" }))
            .ShouldBe("resource 'status' needs name: a deployment's name, as resource list gives it.");
        (await ErrorAsync("webops_status", new() { ["resource"] = "security", ["history_hours"] = 2 }))
            .ShouldBe("resource 'security' does not take history_hours; only health does. Leave it out.");

        asked.ShouldBeEmpty();
        _fake.Count("POST", "/api/").ShouldBe(0);
        (await bastion.Mcp.CallToolAsync("webops_deployment_control", new Dictionary<string, object?> { ["action"] = "restart", ["name"] = "blog" })).IsError.ShouldBe(true);
        asked.Count.ShouldBe(1, "a well-formed restart is asked (and declined here)");
    }

    [Fact]
    public async Task Delete_IsConfirmed_AndWaitsUntilTheDeploymentIsGone()
    {
        await using var bastion = await WebOpsHarness.StartAsync(WebOpsHarness.SessionVault(_fake), mcp: true);
        _fake.Mutate(s => s.Create("admin", "old", "https://git.example.org/me/old.git", "main", string.Empty, [], "running"));

        var plan = await bastion.Mcp.CallToolAsync("webops_deployment_control", new Dictionary<string, object?> { ["action"] = "delete", ["name"] = "old" });
        Handle(plan);
        _fake.Count("DELETE", "/api/").ShouldBe(0);
        var deleted = Ok(await ConfirmedAsync(bastion.Mcp, "webops_deployment_control", new() { ["action"] = "delete", ["name"] = "old" })).GetProperty("delete");

        deleted.GetProperty("gone").GetBoolean().ShouldBeTrue();
        deleted.GetProperty("message").GetString().ShouldBe("Deployment old delete queued");
        _fake.Read(s => s.Deployments.Count()).ShouldBe(0);
        var missing = await bastion.Mcp.CallToolAsync("webops_deployment", new Dictionary<string, object?> { ["resource"] = "record", ["name"] = "old" });
        missing.IsError.ShouldBe(true);
        Text(missing).ShouldBe("WebOps: Deployment old not found (HTTP 404, GET /api/deployments/old/).");
    }

    [Fact]
    public async Task ADuplicateName_IsAToolError_WithWebOpsWords()
    {
        await using var bastion = await WebOpsHarness.StartAsync(WebOpsHarness.SessionVault(_fake), mcp: true);
        _fake.Mutate(s => s.Create("someone-else", "blog", "https://git.example.org/x/blog.git", "main", string.Empty, [], "running"));

        var result = await ConfirmedAsync(bastion.Mcp, "webops_deployment_control", Deploy());

        result.IsError.ShouldBe(true);
        Text(result).ShouldBe("WebOps: Deployment blog already exists (HTTP 400, POST /api/deployments/create/).");
    }
}
