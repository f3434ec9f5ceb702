using System.Text.Json;
using Bastion.Core.Policy;
using Bastion.Fakes.Cloudways;
using ModelContextProtocol.Client;
using ModelContextProtocol.Protocol;

namespace Bastion.Providers.Cloudways.Tests.DayTwo;

/// <summary>
/// A harness in operator mode whose MCP client answers elicitations (accept, unless told to decline) and counts them,
/// for the day-two tool tests: every change tool is destructive, so every call is asked about first.
/// </summary>
public sealed class DayTwoSession : IAsyncDisposable
{
    private readonly List<string> _asked = [];

    private DayTwoSession(Harness harness) => H = harness;

    public Harness H { get; private set; }

    /// <summary>What the user was asked, in order.</summary>
    public IReadOnlyList<string> Asked
    {
        get
        {
            lock (_asked)
            {
                return [.. _asked];
            }
        }
    }

    /// <summary>When true the user declines every confirmation.</summary>
    public bool Decline { get; set; }

    public CloudwaysFake Fake => H.Fake;

    public FakeServer Prod => H.Fake.State.Servers[0];

    public FakeApp Shop => Prod.Apps[0];

    public static async Task<DayTwoSession> StartAsync(FakeOptions? fake = null, Mode mode = Mode.Operator, bool elicitation = true)
    {
        DayTwoSession? session = null;
        var client = new McpClientOptions
        {
            Handlers = elicitation
                ? new McpClientHandlers
                {
                    ElicitationHandler = (request, _) =>
                    {
                        lock (session!._asked)
                        {
                            session._asked.Add(request!.Message);
                        }

                        return ValueTask.FromResult(session.Decline
                            ? new ElicitResult { Action = "decline" }
                            : new ElicitResult { Action = "accept", Content = new Dictionary<string, JsonElement> { ["approve"] = JsonSerializer.SerializeToElement(true) } });
                    },
                }
                : new McpClientHandlers(),
        };
        session = new DayTwoSession(null!);
        session.H = await Harness.StartAsync(fake: fake, mode: mode, session: true, client: client);
        return session;
    }

    public static string Text(CallToolResult result) => string.Join("\n", result.Content.OfType<TextContentBlock>().Select(c => c.Text));

    /// <summary>Calls <paramref name="tool"/> and returns its structured result, failing with its text when it is an error.</summary>
    public async Task<JsonElement> OkAsync(string tool, Dictionary<string, object?> arguments, IProgress<ModelContextProtocol.ProgressNotificationValue>? progress = null)
    {
        var result = await H.Client.CallToolAsync(tool, arguments, progress);
        result.IsError.ShouldNotBe(true, Text(result));
        return result.StructuredContent.ShouldNotBeNull();
    }

    /// <summary>Calls <paramref name="tool"/>, expects a tool error, and returns its text.</summary>
    public async Task<string> ErrorAsync(string tool, Dictionary<string, object?> arguments)
    {
        var result = await H.Client.CallToolAsync(tool, arguments);
        result.IsError.ShouldBe(true, $"{tool} should have failed: {Text(result)}");
        return Text(result);
    }

    /// <summary>The requests the fake received for day-two paths (everything but the token exchange, /server and /operation).</summary>
    public IReadOnlyList<FakeRequest> Sent(string method, string path) => H.Requests(method, path);

    public ValueTask DisposeAsync() => H.DisposeAsync();
}
