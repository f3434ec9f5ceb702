using System.ComponentModel;
using ModelContextProtocol.Protocol;
using ModelContextProtocol.Server;
using static ModelContextProtocol.Protocol.ElicitRequestParams;

namespace Bastion.Conformance.Prompts;

/// <summary>A prompt that asks the user first (an input-required result on prompts/get; scenario input-required-result-non-tool-request).</summary>
[McpServerPromptType]
internal static class InputRequiredPrompt
{
    [McpServerPrompt(Name = "test_input_required_result_prompt"), Description("Asks the user what context to use, then returns a prompt with it.")]
    public static PromptMessage Prompt(RequestContext<GetPromptRequestParams> context)
    {
        if (context.Params?.InputResponses is { } responses && responses.TryGetValue("user_context", out var answer))
        {
            var content = answer.Deserialize(InputResponse.ElicitResultJsonTypeInfo)?.Content;
            var text = content is not null && content.TryGetValue("context", out var value) ? value.ToString() : "none";
            return new PromptMessage { Role = Role.User, Content = new TextContentBlock { Text = $"Use this context: {text}" } };
        }

        throw new InputRequiredException(
            new Dictionary<string, InputRequest>
            {
                ["user_context"] = InputRequest.ForElicitation(new ElicitRequestParams
                {
                    Message = "What context should the prompt use?",
                    RequestedSchema = new RequestSchema
                    {
                        Properties = new Dictionary<string, PrimitiveSchemaDefinition> { ["context"] = new StringSchema() },
                        Required = ["context"],
                    },
                }),
            },
            null);
    }
}
