using System.Text.Json;
using System.Text.Json.Nodes;
using Bastion.Core.Policy;
using ModelContextProtocol;
using ModelContextProtocol.Client;
using ModelContextProtocol.Protocol;

namespace Bastion.Http.Tests.Transport;

/// <summary>
/// The C# SDK's own Streamable HTTP client against our endpoint: a session, server-to-client elicitation in the middle
/// of a tool call (the confirmation of a command), and progress notifications on the POST's stream.
/// </summary>
public sealed class SdkClientOverHttpTests : IDisposable
{
    private readonly string _file = $"/tmp/bastion-http-confirm-{Guid.NewGuid():N}";

    public void Dispose() => File.Delete(_file);

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task ToolCall_AsksTheUser_ThroughElicitation_OverHttp(bool approve)
    {
        await using var server = await HttpTestServer.StartAsync(
            mode: Mode.Operator,
            prepare: paths =>
            {
                Directory.CreateDirectory(paths.DataDirectory);
                File.WriteAllText(Path.Combine(paths.DataDirectory, "policy.yaml"), "rules:\n  - allow: [\"touch /tmp/bastion-http-confirm-*\"]\n");
            });
        string? asked = null;
        await using var client = await McpClient.CreateAsync(
            new HttpClientTransport(new HttpClientTransportOptions { Endpoint = server.Endpoint, TransportMode = HttpTransportMode.StreamableHttp }),
            new McpClientOptions
            {
                // A 2025-11-25 client (initialize, a session): the server asks it directly with elicitation/create.
                ProtocolVersion = "2025-11-25",
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
            });

        var result = await client.CallToolAsync("commands_run", new Dictionary<string, object?> { ["command"] = $"touch {_file}" });

        client.SessionId.ShouldNotBeNullOrEmpty();
        asked.ShouldNotBeNull().ShouldContain($"run `touch {_file}`");
        File.Exists(_file).ShouldBe(approve);
        (result.IsError == true).ShouldBe(!approve);
    }

    [Fact]
    public async Task ToolCall_SendsProgress_OnThePostStream()
    {
        await using var server = await HttpTestServer.StartAsync();
        var updates = new List<JsonNode?>();
        var options = new McpClientOptions
        {
            // Session-wide: the SDK client's per-call progress handler can lose a notification that races the response.
            Handlers = new McpClientHandlers
            {
                NotificationHandlers =
                [
                    new(NotificationMethods.ProgressNotification, (notification, _) =>
                    {
                        lock (updates)
                        {
                            updates.Add(notification.Params);
                        }

                        return ValueTask.CompletedTask;
                    }),
                ],
            },
        };
        await using var client = await McpClient.CreateAsync(
            new HttpClientTransport(new HttpClientTransportOptions { Endpoint = server.Endpoint, TransportMode = HttpTransportMode.StreamableHttp }), options);

        var result = await client.CallToolAsync(
            "metrics_sample",
            new Dictionary<string, object?> { ["target"] = "local", ["seconds"] = 0.2 },
            new Progress<ProgressNotificationValue>(_ => { }));

        result.IsError.ShouldNotBe(true);
        var deadline = DateTime.UtcNow.AddSeconds(5);
        while (DateTime.UtcNow < deadline && updates.Count == 0)
        {
            await Task.Delay(50);
        }

        lock (updates)
        {
            updates.ShouldNotBeEmpty();
            updates[0]!["progressToken"].ShouldNotBeNull();
        }
    }
}
