using System.Text.Json;
using ModelContextProtocol.Client;
using ModelContextProtocol.Protocol;

namespace Bastion.Testing;

/// <summary>An MCP client that answers every elicitation (confirmation question) with "approve".</summary>
public static class ApprovingClient
{
    /// <summary>Client options whose elicitation handler accepts with <c>approve: true</c>.</summary>
    public static McpClientOptions Options() => new()
    {
        Handlers = new McpClientHandlers
        {
            ElicitationHandler = (_, _) => ValueTask.FromResult(new ElicitResult
            {
                Action = "accept",
                Content = new Dictionary<string, JsonElement> { ["approve"] = JsonSerializer.SerializeToElement(true) },
            }),
        },
    };
}
