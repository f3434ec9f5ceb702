using System.Text.Json.Nodes;
using Bastion.Mcp.Pipeline.Steps;
using ModelContextProtocol.Protocol;
using ModelContextProtocol.Server;

namespace Bastion.Mcp.Pipeline;

/// <summary>A tool that may ask for confirmation, described with the pipeline's <c>confirm</c> and <c>dry_run</c> parameters.</summary>
internal sealed class ConfirmingTool : DelegatingMcpServerTool
{
    private ConfirmingTool(McpServerTool inner, Tool described)
        : base(inner) => ProtocolTool = described;

    /// <inheritdoc/>
    public override Tool ProtocolTool { get; }

    /// <summary><paramref name="tool"/>, its input schema extended with <c>confirm</c> and <c>dry_run</c>.</summary>
    public static ConfirmingTool Of(McpServerTool tool)
    {
        var described = tool.ProtocolTool;
        var schema = JsonNode.Parse(described.InputSchema.GetRawText())!.AsObject();
        var properties = schema["properties"] as JsonObject ?? [];
        properties[ArgumentsStep.Confirm] = new JsonObject
        {
            ["type"] = "string",
            ["description"] = "Handle from the plan.",
        };
        properties[ArgumentsStep.DryRun] = new JsonObject { ["type"] = "boolean", ["default"] = false, ["description"] = "Plan only; run nothing." };
        schema["properties"] = properties;
        return new ConfirmingTool(tool, described.WithInputSchema(schema));
    }
}
