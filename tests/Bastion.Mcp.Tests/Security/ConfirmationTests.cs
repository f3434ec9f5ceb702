using Bastion.Testing;
using System.Text.Json;
using Bastion.Core.Audit;
using Bastion.Core.Policy;
using ModelContextProtocol.Client;
using ModelContextProtocol.Protocol;

namespace Bastion.Mcp.Tests.Security;

/// <summary>Commands outside the read-only set, and destructive tools, run only after confirmation.</summary>
public sealed class ConfirmationTests : IDisposable
{
    private const string Policy = """
        rules:
          - allow: ["touch /tmp/bastion-confirm-*"]
        """;

    private readonly string _file = $"/tmp/bastion-confirm-{Guid.NewGuid():N}";

    public void Dispose() => File.Delete(_file);

    private Dictionary<string, object?> Touch(string? file = null) => new() { ["command"] = $"touch {file ?? _file}" };

    private static string Text(CallToolResult result) => string.Join("\n", result.Content.OfType<TextContentBlock>().Select(c => c.Text));

    private static JsonElement Plan(CallToolResult result) => JsonDocument.Parse(Text(result).Split('\n', 2)[1]).RootElement;

    private static string Handle(CallToolResult plan) => Plan(plan).GetProperty("confirmation").GetString()!;

    [Fact]
    public async Task ReadOnlyMode_RefusesACommandOutsideTheReadOnlySet_WithAReason()
    {
        await using var server = await TestServer.StartAsync(Mode.ReadOnly);
        var result = await server.Client.CallToolAsync("commands_run", new Dictionary<string, object?> { ["command"] = "rm -rf /tmp/x" });
        result.IsError.ShouldBe(true);
        Text(result).ShouldStartWith("Refused on host 'local': ");
        Text(result).ShouldContain("read-only");
    }

    [Fact]
    public async Task ReadOnlyCommands_RunWithoutConfirmation()
    {
        await using var server = await TestServer.StartAsync(Mode.Operator, policy: Policy);
        var result = await server.Client.CallToolAsync("commands_run", new Dictionary<string, object?> { ["command"] = "uptime" });
        result.IsError.ShouldNotBe(true, Text(result));
        result.StructuredContent!.Value.GetProperty("hosts")[0].GetProperty("result").GetProperty("stdout").GetString()!.ShouldContain("load average");
    }

    [Fact]
    public async Task WithoutElicitation_APlanAndHandle_ThenTheSameCallWithTheHandleRuns_Once()
    {
        await using var server = await TestServer.StartAsync(Mode.Operator, policy: Policy);
        var plan = await server.Client.CallToolAsync("commands_run", Touch());
        plan.IsError.ShouldBe(true);
        Text(plan).ShouldStartWith("Confirmation required: nothing ran yet.");
        plan.StructuredContent.ShouldBeNull("a plan must not pose as the tool's result");
        var content = Plan(plan);
        content.GetProperty("action").GetString().ShouldBe($"run `touch {_file}` in the user's home directory (no cwd given)");
        content.GetProperty("targets").EnumerateArray().Select(t => t.GetString()).ShouldBe(["local"]);
        var handle = Handle(plan);
        handle.Length.ShouldBeGreaterThanOrEqualTo(4 + 22, "at least 128 bits of randomness");
        File.Exists(_file).ShouldBeFalse();

        var run = await server.Client.CallToolAsync("commands_run", new Dictionary<string, object?>(Touch()) { ["confirm"] = handle });
        run.IsError.ShouldNotBe(true, Text(run));
        File.Exists(_file).ShouldBeTrue();

        File.Delete(_file);
        var again = await server.Client.CallToolAsync("commands_run", new Dictionary<string, object?>(Touch()) { ["confirm"] = handle });
        Text(again).ShouldContain("unknown or was already used");
        File.Exists(_file).ShouldBeFalse();
    }

    [Fact]
    public async Task AHandle_DoesNotConfirmOtherArguments()
    {
        await using var server = await TestServer.StartAsync(Mode.Operator, policy: Policy);
        var handle = Handle(await server.Client.CallToolAsync("commands_run", Touch()));
        var other = $"/tmp/bastion-confirm-{Guid.NewGuid():N}";
        var result = await server.Client.CallToolAsync("commands_run", new Dictionary<string, object?>(Touch(other)) { ["confirm"] = handle });
        Text(result).ShouldContain("the arguments differ from the plan it confirms");
        File.Exists(other).ShouldBeFalse();
    }

    [Fact]
    public async Task AHandle_Expires()
    {
        var clock = new ManualClock(DateTimeOffset.UtcNow);
        await using var server = await TestServer.StartAsync(Mode.Operator, policy: Policy, clock: clock);
        var handle = Handle(await server.Client.CallToolAsync("commands_run", Touch()));
        clock.Advance(TimeSpan.FromMinutes(6));
        var result = await server.Client.CallToolAsync("commands_run", new Dictionary<string, object?>(Touch()) { ["confirm"] = handle });
        Text(result).ShouldContain("it expired");
        File.Exists(_file).ShouldBeFalse();
    }

    [Fact]
    public async Task DryRun_ReturnsThePlan_WithoutAHandle_AndRunsNothing()
    {
        await using var server = await TestServer.StartAsync(Mode.Operator, policy: Policy);
        var result = await server.Client.CallToolAsync("commands_run", new Dictionary<string, object?>(Touch()) { ["dry_run"] = true });
        Text(result).ShouldStartWith("Dry run: nothing ran.");
        Plan(result).GetProperty("confirmation").ValueKind.ShouldBe(JsonValueKind.Null);
        File.Exists(_file).ShouldBeFalse();
    }

    [Theory]
    [InlineData(true, true)]
    [InlineData(false, false)]
    public async Task WithElicitation_TheUserIsAsked_AndTheirAnswerDecides(bool approve, bool runs)
    {
        string? asked = null;
        var client = new McpClientOptions
        {
            Handlers = new McpClientHandlers
            {
                ElicitationHandler = (request, _) =>
                {
                    asked = request!.Message;
                    return ValueTask.FromResult(new ElicitResult
                    {
                        Action = "accept",
                        Content = new Dictionary<string, JsonElement> { ["approve"] = JsonSerializer.SerializeToElement(approve) },
                    });
                },
            },
        };
        await using var server = await TestServer.StartAsync(Mode.Operator, policy: Policy, client: client);
        var result = await server.Client.CallToolAsync("commands_run", Touch());
        asked.ShouldNotBeNull().ShouldContain($"run `touch {_file}` in the user's home directory (no cwd given) on local (1 host)");
        File.Exists(_file).ShouldBe(runs);
        (result.IsError == true).ShouldBe(!runs);
        if (!runs)
        {
            Text(result).ShouldBe("The user declined; nothing ran.");
        }
    }

    [Fact]
    public async Task TheAuditLog_RecordsPlanIntentAndOutcome_AndVerifies()
    {
        await using var server = await TestServer.StartAsync(Mode.Operator, policy: Policy);
        var handle = Handle(await server.Client.CallToolAsync("commands_run", Touch()));
        await server.Client.CallToolAsync("commands_run", new Dictionary<string, object?>(Touch()) { ["confirm"] = handle });
        await server.Client.CallToolAsync("commands_run", new Dictionary<string, object?> { ["command"] = "reboot" });

        var audit = Path.Combine(server.DataDirectory, "audit");
        var entries = new List<AuditEntry>();
        await foreach (var entry in new AuditLog(new AuditOptions { Directory = audit }, TimeProvider.System).ReadAsync(CancellationToken.None))
        {
            entries.Add(entry);
        }

        entries.Select(e => (e.Phase, e.Decision)).ShouldBe([("call", "confirmation_required"), ("intent", "confirmed"), ("outcome", "confirmed"), ("call", "refused")]);
        entries[2].ExitCodes!["local"].ShouldBe(0);
        entries[3].Reason!.ShouldContain("reboot");
        (await AuditLog.VerifyAsync(audit, CancellationToken.None)).Ok.ShouldBeTrue();
    }

    [Fact]
    public async Task ConfirmedWork_IsRefused_WhenTheAuditLogCannotBeWritten()
    {
        // A regular file where the audit directory belongs: no entry can be written.
        await using var server = await TestServer.StartAsync(Mode.Operator, policy: Policy, configure: o =>
        {
            File.WriteAllText(o.Paths.AuditDirectory, "not a directory");
            return o;
        });
        var handle = Handle(await server.Client.CallToolAsync("commands_run", Touch()));
        var result = await server.Client.CallToolAsync("commands_run", new Dictionary<string, object?>(Touch()) { ["confirm"] = handle });
        Text(result).ShouldStartWith("Refused: the audit log cannot be written");
        File.Exists(_file).ShouldBeFalse();
    }
}
