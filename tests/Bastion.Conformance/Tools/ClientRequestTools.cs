using System.ComponentModel;
using System.Text.Json;
using ModelContextProtocol;
using ModelContextProtocol.Protocol;
using ModelContextProtocol.Server;
using static ModelContextProtocol.Protocol.ElicitRequestParams;

namespace Bastion.Conformance.Tools;

/// <summary>Tools that ask the client something in the middle of a call: an LLM completion (sampling) or the user (elicitation).</summary>
[McpServerToolType]
internal static class ClientRequestTools
{
    [McpServerTool(Name = "test_sampling", ReadOnly = true), Description("Asks the client's LLM to answer the prompt (sampling/createMessage, at most 100 tokens) and returns its answer (scenario tools-call-sampling).")]
    public static async Task<CallToolResult> Sampling(McpServer server, [Description("The prompt sent to the LLM.")] string prompt, CancellationToken cancellationToken)
    {
        if (server.ClientCapabilities?.Sampling is null)
        {
            return Failure("The client does not support sampling (no sampling capability).");
        }

        var answer = await server.SampleAsync(
            new CreateMessageRequestParams
            {
                Messages = [new SamplingMessage { Role = Role.User, Content = [new TextContentBlock { Text = prompt }] }],
                MaxTokens = 100,
            },
            cancellationToken);
        var text = string.Join(" ", answer.Content.OfType<TextContentBlock>().Select(t => t.Text));
        return Success($"LLM response: {text}");
    }

    [McpServerTool(Name = "test_elicitation", ReadOnly = true), Description("Asks the user for a username and an email (elicitation/create) and returns the answer (scenario tools-call-elicitation).")]
    public static async Task<CallToolResult> Elicitation(McpServer server, [Description("The message shown to the user.")] string message, CancellationToken cancellationToken)
    {
        var schema = new RequestSchema
        {
            Properties = new Dictionary<string, PrimitiveSchemaDefinition>
            {
                ["username"] = new StringSchema { Description = "User's response" },
                ["email"] = new StringSchema { Description = "User's email address", Format = "email" },
            },
            Required = ["username", "email"],
        };
        return await ElicitAsync(server, message, schema, "User response", cancellationToken);
    }

    [McpServerTool(Name = "test_elicitation_sep1034_defaults", ReadOnly = true), Description("Asks the user for fields of every primitive type, each with a default value (SEP-1034; scenario elicitation-sep1034-defaults).")]
    public static async Task<CallToolResult> ElicitationDefaults(McpServer server, CancellationToken cancellationToken)
    {
        var schema = new RequestSchema
        {
            Properties = new Dictionary<string, PrimitiveSchemaDefinition>
            {
                ["name"] = new StringSchema { Description = "Your name", Default = "John Doe" },
                ["age"] = new NumberSchema { Type = "integer", Description = "Your age in years", Minimum = 0, Default = 30 },
                ["score"] = new NumberSchema { Description = "Your score, 0–100", Minimum = 0, Maximum = 100, Default = 95.5 },
                ["status"] = new UntitledSingleSelectEnumSchema { Description = "Account status", Enum = ["active", "inactive", "pending"], Default = "active" },
                ["verified"] = new BooleanSchema { Description = "Whether the account is verified", Default = true },
            },
        };
        return await ElicitAsync(server, "Confirm or change these values", schema, "Elicitation completed", cancellationToken);
    }

    [McpServerTool(Name = "test_elicitation_sep1330_enums", ReadOnly = true), Description("Asks the user to choose from the five enum forms: untitled and titled single-select, legacy enumNames, untitled and titled multi-select (SEP-1330; scenario elicitation-sep1330-enums).")]
    public static async Task<CallToolResult> ElicitationEnums(McpServer server, CancellationToken cancellationToken)
    {
        var schema = new RequestSchema
        {
            Properties = new Dictionary<string, PrimitiveSchemaDefinition>
            {
                ["untitledSingle"] = new UntitledSingleSelectEnumSchema { Description = "Pick one", Enum = ["option1", "option2", "option3"] },
                ["titledSingle"] = new TitledSingleSelectEnumSchema { Description = "Pick one", OneOf = Options("value", "First Option", "Second Option", "Third Option") },
                ["legacyEnum"] = new LegacyTitledEnumSchema { Description = "Pick one", Enum = ["opt1", "opt2", "opt3"], EnumNames = ["Option One", "Option Two", "Option Three"] },
                ["untitledMulti"] = new UntitledMultiSelectEnumSchema { Description = "Pick any", Items = new UntitledEnumItemsSchema { Enum = ["option1", "option2", "option3"] } },
                ["titledMulti"] = new TitledMultiSelectEnumSchema { Description = "Pick any", Items = new TitledEnumItemsSchema { AnyOf = Options("value", "First Choice", "Second Choice", "Third Choice") } },
            },
        };
        return await ElicitAsync(server, "Choose from each list", schema, "Elicitation completed", cancellationToken);
    }

    private static List<EnumSchemaOption> Options(string prefix, params string[] titles) =>
        [.. titles.Select((title, i) => new EnumSchemaOption { Const = $"{prefix}{i + 1}", Title = title })];

    private static async Task<CallToolResult> ElicitAsync(McpServer server, string message, RequestSchema schema, string label, CancellationToken cancellationToken)
    {
        if (server.ClientCapabilities?.Elicitation is null)
        {
            return Failure("The client does not support elicitation (no elicitation capability).");
        }

        var result = await server.ElicitAsync(new ElicitRequestParams { Message = message, RequestedSchema = schema }, cancellationToken);
        var content = result.Content is null ? "{}" : JsonSerializer.Serialize(result.Content, McpJsonUtilities.DefaultOptions);
        return Success($"{label}: action={result.Action}, content={content}");
    }

    private static CallToolResult Success(string text) => new() { Content = [new TextContentBlock { Text = text }] };

    private static CallToolResult Failure(string text) => new() { IsError = true, Content = [new TextContentBlock { Text = text }] };
}
