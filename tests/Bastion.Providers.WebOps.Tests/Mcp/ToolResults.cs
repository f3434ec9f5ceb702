using System.Text.Json;
using ModelContextProtocol.Client;
using ModelContextProtocol.Protocol;

namespace Bastion.Providers.WebOps.Tests.Mcp;

/// <summary>Reading tool results the way a model sees them.</summary>
internal static class ToolResults
{
    public static string Text(CallToolResult result) => string.Join("\n", result.Content.OfType<TextContentBlock>().Select(c => c.Text));

    /// <summary>The structured result of a call that must have succeeded.</summary>
    public static JsonElement Ok(CallToolResult result)
    {
        result.IsError.ShouldNotBe(true, Text(result));
        return result.StructuredContent.ShouldNotBeNull();
    }

    /// <summary>The confirmation handle of a plan the pipeline answered with.</summary>
    public static string Handle(CallToolResult plan)
    {
        plan.IsError.ShouldBe(true);
        Text(plan).ShouldStartWith("Confirmation required: nothing ran yet.");
        using var json = JsonDocument.Parse(Text(plan).Split('\n', 2)[1]);
        return json.RootElement.GetProperty("confirmation").GetString()!;
    }

    /// <summary>Calls a destructive tool twice: once for the plan, once with its handle.</summary>
    public static async Task<CallToolResult> ConfirmedAsync(McpClient client, string tool, Dictionary<string, object?> arguments, IProgress<ModelContextProtocol.ProgressNotificationValue>? progress = null)
    {
        var handle = Handle(await client.CallToolAsync(tool, arguments));
        return await client.CallToolAsync(tool, new Dictionary<string, object?>(arguments) { ["confirm"] = handle }, progress);
    }
}
