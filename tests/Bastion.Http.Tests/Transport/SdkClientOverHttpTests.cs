using System.Text.Json;
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
        await using var client = await McpClient.CreateAsync(
            new HttpClientTransport(new HttpClientTransportOptions { Endpoint = server.Endpoint, TransportMode = HttpTransportMode.StreamableHttp }));
        var updates = new List<ProgressNotificationValue>();

        var result = await client.CallToolAsync(
            "metrics_sample",
            new Dictionary<string, object?> { ["target"] = "local", ["seconds"] = 0.2 },
            new Progress<ProgressNotificationValue>(v => { lock (updates) { updates.Add(v); } }));

        result.IsError.ShouldNotBe(true);
        await Task.Delay(200); // progress handlers run on the thread pool
        lock (updates)
        {
            updates.ShouldNotBeEmpty();
        }
    }
}
