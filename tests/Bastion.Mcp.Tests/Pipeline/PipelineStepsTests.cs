using System.Text.Json;
using Bastion.Core.Audit;
using Bastion.Core.Commands;
using Bastion.Core.Configuration;
using Bastion.Core.FanOut;
using Bastion.Core.Policy;
using Bastion.Mcp.Catalog;
using Bastion.Mcp.Pipeline;
using Microsoft.Extensions.DependencyInjection;
using ModelContextProtocol.Client;
using ModelContextProtocol.Protocol;
using ModelContextProtocol.Server;
using Bastion.Tools;

namespace Bastion.Mcp.Tests.Pipeline;

/// <summary>
/// The call pipeline as named steps: tools opt in through metadata, not names; the hosts a call was checked and
/// confirmed for are the hosts it runs on; the outcome comes from the typed result; the schema is extended once.
/// </summary>
public sealed class PipelineStepsTests
{
    private const string Inventory = "inventory.yaml";

    private static string Text(CallToolResult result) => string.Join("\n", result.Content.OfType<TextContentBlock>().Select(c => c.Text));

    private static async Task<List<AuditEntry>> AuditAsync(string dataDirectory)
    {
        var entries = new List<AuditEntry>();
        using var log = new AuditLog(new AuditOptions { Directory = Path.Combine(dataDirectory, "audit") }, TimeProvider.System);
        await foreach (var entry in log.ReadAsync(CancellationToken.None))
        {
            entries.Add(entry);
        }

        return entries;
    }

    [Fact]
    public async Task CommandsRun_RunsOnTheHostsTheUserConfirmed_WhenTheInventoryGrowsDuringTheQuestion()
    {
        var data = string.Empty;
        string? asked = null;
        var client = new McpClientOptions
        {
            ProtocolVersion = "2025-11-25", // a session: the question is asked within the call, whose hosts are resolved once
            Handlers = new McpClientHandlers
            {
                // While the user reads the question, a second host joins the inventory that "all" selects.
                ElicitationHandler = async (request, cancellationToken) =>
                {
                    asked = request?.Message;
                    await File.WriteAllTextAsync(Path.Combine(data, Inventory), "hosts:\n- name: joined-later\n  address: 127.0.0.1\n", cancellationToken);
                    return new ElicitResult { Action = "accept", Content = new Dictionary<string, JsonElement> { ["approve"] = JsonSerializer.SerializeToElement(true) } };
                },
            },
        };
        await using var server = await TestServer.StartAsync(Mode.Operator, client: client);
        data = server.DataDirectory;

        var result = await server.Client.CallToolAsync("commands_run", new Dictionary<string, object?> { ["target"] = "all", ["command"] = "uptime", ["env"] = new Dictionary<string, string> { ["GREETING"] = "hi" } });

        result.IsError.ShouldNotBe(true, Text(result));
        asked.ShouldNotBeNull().ShouldContain("on local (1 host)");
        var answer = result.StructuredContent!.Value;
        answer.GetProperty("summary").GetProperty("targets").GetInt32().ShouldBe(1);
        answer.GetProperty("hosts").EnumerateArray().Select(h => h.GetProperty("host").GetString()).ShouldBe(["local"]);
        (await AuditAsync(data)).Last().Targets.ShouldBe(["local"]);
    }

    [Fact]
    public async Task CommandsRun_IsRefused_WhenTheInventoryGrowsDuringAnInputRequiredQuestion()
    {
        var data = string.Empty;
        var client = new McpClientOptions
        {
            ProtocolVersion = "2026-07-28", // no session: the retry resolves "all" again, and must find the hosts the person saw
            Handlers = new McpClientHandlers
            {
                ElicitationHandler = async (request, cancellationToken) =>
                {
                    await File.WriteAllTextAsync(Path.Combine(data, Inventory), "hosts:\n- name: joined-later\n  address: 127.0.0.1\n", cancellationToken);
                    return new ElicitResult { Action = "accept", Content = new Dictionary<string, JsonElement> { ["approve"] = JsonSerializer.SerializeToElement(true) } };
                },
            },
        };
        await using var server = await TestServer.StartAsync(Mode.Operator, client: client);
        data = server.DataDirectory;

        var result = await server.Client.CallToolAsync("commands_run", new Dictionary<string, object?> { ["target"] = "all", ["command"] = "uptime", ["env"] = new Dictionary<string, string> { ["GREETING"] = "hi" } });

        result.IsError.ShouldBe(true, Text(result));
        Text(result).ShouldStartWith("The request state does not confirm this call: the hosts the call resolves to now differ from the ones the person was asked about (the inventory changed).");
        (await AuditAsync(data)).Select(e => e.Phase).ShouldNotContain("intent", "nothing ran");
    }

    [Fact]
    public async Task CommandsRun_OutcomeAndExitCodes_ComeFromTheTypedResult_WhenAHostFails()
    {
        await using var server = await TestServer.StartAsync(Mode.Admin, client: Bastion.Testing.ApprovingClient.Options(), policy: "rules:\n  - shell: true\n");
        await File.WriteAllTextAsync(Path.Combine(server.DataDirectory, Inventory), "hosts:\n- name: no-runner\n  address: 127.0.0.1\n");

        var result = await server.Client.CallToolAsync("commands_run", new Dictionary<string, object?> { ["target"] = "all", ["command"] = "exit 3" });

        result.IsError.ShouldNotBe(true, Text(result));
        var outcome = (await AuditAsync(server.DataDirectory)).Last();
        outcome.Targets.ShouldBe(["local", "no-runner"]);
        outcome.Outcome.ShouldBe("partial");
        outcome.ExitCodes.ShouldNotBeNull().ShouldBe(new Dictionary<string, int> { ["local"] = 3 });
    }

    [Fact]
    public async Task AToolMarkedRunsCommands_IsPolicedByItsMetadata_NotByItsName()
    {
        var data = Directory.CreateTempSubdirectory("bastion-steps-").FullName;
        var options = new BastionOptions { Paths = new BastionPaths(data), Mode = Mode.ReadOnly };
        await using var services = new ServiceCollection().AddBastion(options).AddToolset(typeof(LineTools)).BuildServiceProvider();
        await using (var session = await InProcessSession.StartAsync(services, CancellationToken.None))
        {
            // Served in read-only mode although destructive, and described with the confirmation parameters.
            var listed = (await session.Client.ListToolsAsync()).Single(t => t.Name == "lines_run").ProtocolTool;
            listed.InputSchema.GetProperty("properties").TryGetProperty("dry_run", out _).ShouldBeTrue();

            var readOnly = await session.Client.CallToolAsync("lines_run", new Dictionary<string, object?> { ["line"] = "uptime" });
            readOnly.IsError.ShouldNotBe(true, Text(readOnly));
            Text(readOnly).ShouldBe("let through: uptime on local");

            var refused = await session.Client.CallToolAsync("lines_run", new Dictionary<string, object?> { ["line"] = "rm -rf /tmp/x" });
            refused.IsError.ShouldBe(true);
            Text(refused).ShouldStartWith("Refused on host 'local': ");
        }

        Directory.Delete(data, recursive: true);
    }

    [Fact]
    public async Task ConfirmationParameters_AreAddedOnce_WhenTheCatalogueIsBuilt()
    {
        await using var server = await TestServer.StartAsync();
        var tools = BastionServer.CreateOptions(server.Services).ToolCollection!;

        tools.TryGetPrimitive("commands_run", out var first).ShouldBeTrue();
        tools.TryGetPrimitive("commands_run", out var again).ShouldBeTrue();
        first!.ProtocolTool.ShouldBeSameAs(again!.ProtocolTool);
        first.ProtocolTool.InputSchema.GetProperty("properties").TryGetProperty("confirm", out _).ShouldBeTrue();
        first.Metadata.OfType<RunsCommandsAttribute>().ShouldHaveSingleItem();
        tools.TryGetPrimitive("metrics_sample", out var reader).ShouldBeTrue();
        reader!.ProtocolTool.InputSchema.GetProperty("properties").TryGetProperty("confirm", out _).ShouldBeFalse();
    }

    [Fact]
    public void FanOutResult_GivesItsCountsAndExitCodes_AsValues()
    {
        var summary = new FanOutSummary(3, 2, 1, 0, 0, 0.1, []);
        IFanOutOutcome result = new FanOutResult<CommandOutput>(summary,
        [
            new("a", HostStatus.Ok, 0.1, null, new CommandOutput(0, string.Empty, string.Empty, false, 0.1)),
            new("b", HostStatus.Ok, 0.1, null, new CommandOutput(2, string.Empty, string.Empty, false, 0.1)),
            new("c", HostStatus.Failed, 0.1, "down", null),
        ]);

        (result.TargetCount, result.OkCount).ShouldBe((3, 2));
        result.ExitCodes.ShouldBe(new Dictionary<string, int> { ["a"] = 0, ["b"] = 2 });
        JsonSerializer.SerializeToElement((FanOutResult<CommandOutput>)result, BastionJson.Options).EnumerateObject().Select(p => p.Name).ShouldBe(["summary", "hosts"]);
    }

    [Fact]
    public void CallTargets_GivesTheHandedHosts_ForTheSameExpressionOnly()
    {
        var data = Directory.CreateTempSubdirectory("bastion-steps-").FullName;
        try
        {
            var targets = new CallTargets(new Core.Inventory.FileInventory(new BastionPaths(data)), new FanOutOptions());
            Core.Inventory.Host[] handed = [Core.Inventory.Host.Local with { Name = "elsewhere" }];
            targets.Hand("all", handed);

            targets.Resolve("all").ShouldBeSameAs(handed);
            targets.Resolve("local").Select(h => h.Name).ShouldBe(["local"]);
        }
        finally
        {
            Directory.Delete(data, recursive: true);
        }
    }
}
