using System.Text.Json;
using System.Text.Json.Nodes;
using Bastion.Core.Policy;
using Bastion.Core.Secrets;
using Bastion.Mcp.Catalog;
using Bastion.Tools;
using ModelContextProtocol.Protocol;
using Bastion.Core;

namespace Bastion.Mcp.Pipeline.Steps;

/// <summary>
/// Secrets leave nothing the tool returned: every pattern and known value is replaced, in the structured content (and
/// the text block written again from it, since redacting JSON text could break its syntax) or else in each text block.
/// A result with nothing to redact (the usual case) is checked in place and not copied.
/// A tool whose purpose is to return secrets to a caller entitled to them (toolset scope <c>secrets:read</c> and
/// <c>_meta</c> <c>"bastion/returns-secrets": true</c>) loses only the values Bastion knows.
/// </summary>
internal sealed class RedactionStep(Redactor redactor) : ICallStep
{
    public ValueTask RunAsync(ToolCall call, CancellationToken cancellationToken)
    {
        if (call.Result is { } result)
        {
            call.Result = ReturnsSecrets(call)
                ? Redact(result, redactor.RedactKnownSecrets, redactor.RedactKnownSecrets)
                : result.StructuredContent is { } structured && redactor.IsClean(structured)
                    ? WithTextOf(result, structured)
                    : Redact(result, redactor.Redact, redactor.Redact);
        }

        return ValueTask.CompletedTask;
    }

    private static bool ReturnsSecrets(ToolCall call) =>
        ToolCatalog.ScopeOf(call.Tool.ProtocolTool) == Scopes.SecretsRead
        && call.Tool.ProtocolTool.Meta?[ToolMeta.ReturnsSecrets] is JsonValue flag && flag.GetValueKind() == JsonValueKind.True;

    /// <summary>
    /// A result whose structured content holds no secret (<see cref="Redactor.IsClean"/>) is kept as it is, with no copy:
    /// only a text block that is not already that JSON is written again from it, as the redacting path does.
    /// </summary>
    private static CallToolResult WithTextOf(CallToolResult result, JsonElement structured)
    {
        var json = structured.GetRawText();
        if (result.Content.Any(c => c is TextContentBlock block && block.Text != json))
        {
            result.Content = [.. result.Content.Select(c => c is TextContentBlock ? new TextContentBlock { Text = json } : c)];
        }

        return result;
    }

    private static CallToolResult Redact(CallToolResult result, Func<JsonNode?, JsonNode?> values, Func<string, string> text)
    {
        if (result.StructuredContent is { } structured)
        {
            var redacted = values(JsonNode.Parse(structured.GetRawText()));
            result.StructuredContent = JsonSerializer.SerializeToElement(redacted, CommonJson.Default.JsonNode);
            var json = redacted?.ToJsonString(BastionJson.Options) ?? "null";
            result.Content = [.. result.Content.Select(c => c is TextContentBlock ? new TextContentBlock { Text = json } : c)];
            return result;
        }

        foreach (var block in result.Content.OfType<TextContentBlock>())
        {
            block.Text = text(block.Text);
        }

        return result;
    }
}
