using System.Text.Json;
using System.Text.Json.Nodes;
using Bastion.Core.Audit;
using Bastion.Core.Confirmation;
using Bastion.Core.Policy;
using Bastion.Mcp.Pipeline.Steps;
using Bastion.Mcp.Security;
using Microsoft.Extensions.DependencyInjection;
using ModelContextProtocol;
using ModelContextProtocol.Client;
using ModelContextProtocol.Protocol;

namespace Bastion.Mcp.Tests.Security;

/// <summary>
/// Confirmation for a 2026-07-28 client (no session): the call answers with an input-required result carrying the
/// question and a sealed request state; the client's retry brings the answer and the state back. The SDK's client
/// drives the retry itself (as the TypeScript v2 client does); the raw requests stand for a client that replays or forges.
/// </summary>
public sealed class RequestStateConfirmationTests : IDisposable
{
    private const string Policy = """
        rules:
          - allow: ["touch /tmp/bastion-mrtr-*"]
        """;

    private readonly string _file = $"/tmp/bastion-mrtr-{Guid.NewGuid():N}";
    private static readonly string Local = ConfirmationStep.HostsHash(["local"]);

    private readonly CountingGuard _guard = new();

    public void Dispose() => File.Delete(_file);

    private Dictionary<string, object?> Touch(string? file = null) => new() { ["command"] = $"touch {file ?? _file}" };

    private static string Text(CallToolResult result) => string.Join("\n", result.Content.OfType<TextContentBlock>().Select(c => c.Text));

    private static McpClientOptions Client(string version, bool approve, List<string> asked) => new()
    {
        ProtocolVersion = version,
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

    private Task<TestServer> StartAsync(McpClientOptions? client = null) =>
        TestServer.StartAsync(Mode.Operator, policy: Policy, client: client, services: s => s.AddSingleton<IReplayGuard>(_guard));

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task InputRequired_TheAnswerInTheRetryDecides_On20260728(bool approve)
    {
        var asked = new List<string>();
        await using var server = await StartAsync(Client("2026-07-28", approve, asked));
        var result = await server.Client.CallToolAsync("commands_run", Touch());
        var question = asked.ShouldHaveSingleItem(Text(result));
        question.ShouldStartWith($"Bastion is about to run `touch {_file}` in the user's home directory (no cwd given) on local (1 host) as {Environment.UserName}. Why it asks: ");
        question.ShouldEndWith("Allow it?");
        _guard.Consumed.ShouldBe(1, "the answer came back with the sealed request state, not through a session");
        File.Exists(_file).ShouldBe(approve);
        (result.IsError == true).ShouldBe(!approve);
        if (!approve)
        {
            Text(result).ShouldBe("The user declined; nothing ran.");
        }
    }

    [Fact]
    public async Task ServerInitiatedElicitation_StaysForA2025Session()
    {
        var asked = new List<string>();
        await using var server = await StartAsync(Client("2025-11-25", approve: true, asked));
        var result = await server.Client.CallToolAsync("commands_run", Touch());
        result.IsError.ShouldNotBe(true, Text(result));
        asked.ShouldHaveSingleItem();
        _guard.Consumed.ShouldBe(0, "a session is asked within the call; no request state is issued");
        File.Exists(_file).ShouldBeTrue();
    }

    [Fact]
    public async Task PlanHandle_StaysForA20260728ClientWithoutElicitation()
    {
        await using var server = await StartAsync(new McpClientOptions { ProtocolVersion = "2026-07-28" });
        var plan = await server.Client.CallToolAsync("commands_run", Touch());
        Text(plan).ShouldStartWith("Confirmation required: nothing ran yet.");
        File.Exists(_file).ShouldBeFalse();
    }

    [Fact]
    public async Task InputRequired_IsRecordedInTheAuditLog_ThenTheConfirmedOutcome()
    {
        var asked = new List<string>();
        await using var server = await StartAsync(Client("2026-07-28", approve: true, asked));
        await server.Client.CallToolAsync("commands_run", Touch());
        var entries = new List<AuditEntry>();
        await foreach (var entry in new AuditLog(new AuditOptions { Directory = Path.Combine(server.DataDirectory, "audit") }, TimeProvider.System).ReadAsync(CancellationToken.None))
        {
            entries.Add(entry);
        }

        entries.Select(e => (e.Phase, e.Decision)).ShouldBe([("call", "confirmation_required"), ("intent", "confirmed"), ("outcome", "confirmed")]);
        entries[0].Reason.ShouldNotBeNull().ShouldStartWith("asked through an input-required result (2026-07-28); ");
        (await AuditLog.VerifyAsync(Path.Combine(server.DataDirectory, "audit"), CancellationToken.None)).Ok.ShouldBeTrue();
    }

    [Fact]
    public async Task ReplayedState_IsRefused_AndRunsNothing()
    {
        await using var server = await StartAsync();
        var state = Issue(server, Touch());
        (await Retry(server, Touch(), state, approve: true)).IsError.ShouldNotBe(true);
        File.Exists(_file).ShouldBeTrue();
        File.Delete(_file);

        var again = await Retry(server, Touch(), state, approve: true);
        again.IsError.ShouldBe(true);
        Text(again).ShouldBe("The request state does not confirm this call: it was already used. Nothing ran; call the tool again without requestState to be asked again.");
        File.Exists(_file).ShouldBeFalse();
    }

    [Fact]
    public async Task StateForOtherArguments_IsRefused()
    {
        await using var server = await StartAsync();
        var state = Issue(server, Touch($"/tmp/bastion-mrtr-{Guid.NewGuid():N}"));
        var result = await Retry(server, Touch(), state, approve: true);
        Text(result).ShouldContain("the arguments differ from the ones the person was asked about");
        File.Exists(_file).ShouldBeFalse();
    }

    [Fact]
    public async Task StateForAnotherTool_IsRefused()
    {
        await using var server = await StartAsync();
        var state = server.Services.GetRequiredService<ConfirmationStates>()
            .Issue(Principal(server), "files_delete", ConfirmationStep.ArgumentsHash(Arguments(Touch())), Local).State;
        Text(await Retry(server, Touch(), state, approve: true)).ShouldContain("it was issued for 'files_delete'");
        File.Exists(_file).ShouldBeFalse();
    }

    [Fact]
    public async Task StateForAnotherPrincipal_IsRefused()
    {
        await using var server = await StartAsync();
        var state = server.Services.GetRequiredService<ConfirmationStates>()
            .Issue(Principal(server) with { Name = "mallory" }, "commands_run", ConfirmationStep.ArgumentsHash(Arguments(Touch())), Local).State;
        Text(await Retry(server, Touch(), state, approve: true)).ShouldContain("it was issued to another principal");
        File.Exists(_file).ShouldBeFalse();
    }

    [Fact]
    public async Task TamperedState_IsRefused()
    {
        await using var server = await StartAsync();
        var state = Issue(server, Touch());
        var tampered = (state[0] == 'e' ? "f" : "e") + state[1..];
        Text(await Retry(server, Touch(), tampered, approve: true)).ShouldContain("it was not issued by this server or was altered");
        File.Exists(_file).ShouldBeFalse();
    }

    [Fact]
    public async Task ExpiredState_IsRefused()
    {
        var clock = new Bastion.Testing.ManualClock(DateTimeOffset.UtcNow);
        await using var server = await TestServer.StartAsync(
            Mode.Operator, policy: Policy, clock: clock, services: s => s.AddSingleton<IReplayGuard>(_guard));
        var state = Issue(server, Touch());
        clock.Advance(TimeSpan.FromMinutes(6));
        Text(await Retry(server, Touch(), state, approve: true)).ShouldContain("it expired");
        File.Exists(_file).ShouldBeFalse();
    }

    [Fact]
    public async Task RetryWithoutAnAnswer_IsRefused()
    {
        await using var server = await StartAsync();
        var result = await Retry(server, Touch(), Issue(server, Touch()), approve: null);
        Text(result).ShouldStartWith("The retry carries no answer to the confirmation question (inputResponses.confirm); nothing ran.");
        File.Exists(_file).ShouldBeFalse();
    }

    private static Principal Principal(TestServer server) => server.Services.GetRequiredService<BastionOptions>().LocalPrincipal();

    private static Dictionary<string, JsonElement> Arguments(Dictionary<string, object?> arguments) =>
        arguments.ToDictionary(a => a.Key, a => JsonSerializer.SerializeToElement(a.Value), StringComparer.Ordinal);

    private static string Issue(TestServer server, Dictionary<string, object?> arguments) =>
        server.Services.GetRequiredService<ConfirmationStates>()
            .Issue(Principal(server), "commands_run", ConfirmationStep.ArgumentsHash(Arguments(arguments)), Local).State;

    /// <summary>A retry as a 2026-07-28 client sends it: the arguments again, the state, and the answer (none when null).</summary>
    private static async Task<CallToolResult> Retry(TestServer server, Dictionary<string, object?> arguments, string state, bool? approve)
    {
        var parameters = new JsonObject
        {
            ["name"] = "commands_run",
            ["arguments"] = JsonSerializer.SerializeToNode(arguments),
            ["requestState"] = state,
        };
        if (approve is { } yes)
        {
            parameters["inputResponses"] = new JsonObject
            {
                [ConfirmationStep.QuestionKey] = new JsonObject { ["action"] = "accept", ["content"] = new JsonObject { ["approve"] = yes } },
            };
        }

        var response = await server.Client.SendRequestAsync(new JsonRpcRequest { Method = RequestMethods.ToolsCall, Params = parameters });
        return response.Result.Deserialize<CallToolResult>(McpJsonUtilities.DefaultOptions)!;
    }

    private sealed class CountingGuard : IReplayGuard
    {
        private readonly InMemoryReplayGuard _inner = new(TimeProvider.System);

        public int Consumed { get; private set; }

        public async ValueTask<bool> TryConsumeAsync(string id, DateTimeOffset expires, CancellationToken cancellationToken)
        {
            var fresh = await _inner.TryConsumeAsync(id, expires, cancellationToken);
            Consumed += fresh ? 1 : 0;
            return fresh;
        }
    }
}
