using System.ComponentModel;
using Bastion.Conformance.Utilities;
using ModelContextProtocol;
using ModelContextProtocol.Protocol;
using ModelContextProtocol.Server;
using static ModelContextProtocol.Protocol.ElicitRequestParams;

namespace Bastion.Conformance.Tools;

/// <summary>
/// The diagnostic tools the 2026-07-28 scenarios call (input-required-result-*, server-stateless): input-required
/// results (SEP-2322) for elicitation, sampling and roots, with signed request state; a tool that needs a capability the
/// client did not declare; a tool that asks while its answer streams; a tool that logs.
/// </summary>
[McpServerToolType]
internal static class InputRequiredTools
{
    [McpServerTool(Name = "test_input_required_result_elicitation", ReadOnly = true), Description("Asks the user's name (input-required elicitation), then greets them.")]
    public static CallToolResult Elicitation(RequestContext<CallToolRequestParams> context)
    {
        if (Response(context, "user_name") is { } answer)
        {
            var content = answer.Deserialize(InputResponse.ElicitResultJsonTypeInfo)?.Content;
            return Text($"Hello, {(content is not null && content.TryGetValue("name", out var name) ? name.ToString() : "stranger")}!");
        }

        throw new InputRequiredException(new Dictionary<string, InputRequest> { ["user_name"] = Ask("What is your name?", "name") }, null);
    }

    [McpServerTool(Name = "test_input_required_result_sampling", ReadOnly = true), Description("Asks the client's LLM a question (input-required sampling), then returns its answer.")]
    public static CallToolResult Sampling(RequestContext<CallToolRequestParams> context)
    {
        if (Response(context, "capital_question") is { } answer)
        {
            var reply = answer.Deserialize(InputResponse.CreateMessageResultJsonTypeInfo);
            return Text("LLM response: " + string.Join(" ", reply?.Content.OfType<TextContentBlock>().Select(t => t.Text) ?? []));
        }

        throw new InputRequiredException(new Dictionary<string, InputRequest> { ["capital_question"] = Sample("What is the capital of France?", 100) }, null);
    }

    [McpServerTool(Name = "test_input_required_result_list_roots", ReadOnly = true), Description("Asks the client for its roots (input-required roots/list), then names them.")]
    public static CallToolResult ListRoots(RequestContext<CallToolRequestParams> context)
    {
        if (Response(context, "client_roots") is { } answer)
        {
            var roots = answer.Deserialize(InputResponse.ListRootsResultJsonTypeInfo)?.Roots ?? [];
            return Text("Roots: " + string.Join(", ", roots.Select(r => r.Uri)));
        }

        throw new InputRequiredException(new Dictionary<string, InputRequest> { ["client_roots"] = InputRequest.ForRootsList(new ListRootsRequestParams()) }, null);
    }

    [McpServerTool(Name = "test_input_required_result_request_state", ReadOnly = true), Description("Asks for a confirmation with signed request state; on the retry checks the state and answers state-ok.")]
    public static CallToolResult RequestState(RequestContext<CallToolRequestParams> context) => Confirmed(context, "request-state");

    [McpServerTool(Name = "test_input_required_result_tampered_state", ReadOnly = true), Description("As test_input_required_result_request_state; a changed request state is refused with -32602.")]
    public static CallToolResult TamperedState(RequestContext<CallToolRequestParams> context) => Confirmed(context, "tampered-state");

    [McpServerTool(Name = "test_input_required_result_multiple_inputs", ReadOnly = true), Description("Asks for a name, a sampled greeting and the roots at once, with signed request state.")]
    public static CallToolResult MultipleInputs(RequestContext<CallToolRequestParams> context)
    {
        if (SignedState.Verify(context.Params?.RequestState) == "multiple" && context.Params?.InputResponses is { Count: >= 3 } responses)
        {
            return Text($"Received {responses.Count} responses: {string.Join(", ", responses.Keys.Order(StringComparer.Ordinal))}");
        }

        throw new InputRequiredException(
            new Dictionary<string, InputRequest>
            {
                ["user_name"] = Ask("What is your name?", "name"),
                ["greeting"] = Sample("Generate a greeting", 50),
                ["client_roots"] = InputRequest.ForRootsList(new ListRootsRequestParams()),
            },
            SignedState.Sign("multiple"));
    }

    [McpServerTool(Name = "test_input_required_result_multi_round", ReadOnly = true), Description("Asks a name, then a colour, in two rounds with evolving signed request state, then answers.")]
    public static CallToolResult MultiRound(RequestContext<CallToolRequestParams> context)
    {
        switch (SignedState.Verify(context.Params?.RequestState))
        {
            case "round-1" when Response(context, "step1") is not null:
                throw new InputRequiredException(new Dictionary<string, InputRequest> { ["step2"] = Ask("Step 2: What is your favorite color?", "color") }, SignedState.Sign("round-2"));
            case "round-2" when Response(context, "step2") is not null:
                return Text("Both steps answered.");
            default:
                throw new InputRequiredException(new Dictionary<string, InputRequest> { ["step1"] = Ask("Step 1: What is your name?", "name") }, SignedState.Sign("round-1"));
        }
    }

    [McpServerTool(Name = "test_input_required_result_capabilities", ReadOnly = true), Description("Asks only through the capabilities the client declared (sampling, elicitation, roots).")]
    public static CallToolResult Capabilities(McpServer server, RequestContext<CallToolRequestParams> context)
    {
        if (context.Params?.InputResponses is { Count: > 0 })
        {
            return Text("Answered.");
        }

        var capabilities = server.ClientCapabilities;
        var requests = new Dictionary<string, InputRequest>();
        if (capabilities?.Sampling is not null)
        {
            requests["question"] = Sample("What is the capital of France?", 100);
        }

        if (capabilities?.Elicitation is not null)
        {
            requests["user_name"] = Ask("What is your name?", "name");
        }

        if (capabilities?.Roots is not null)
        {
            requests["client_roots"] = InputRequest.ForRootsList(new ListRootsRequestParams());
        }

        return requests.Count == 0 ? Text("The client declared no capability to ask through.") : throw new InputRequiredException(requests, null);
    }

    [McpServerTool(Name = "test_missing_capability", ReadOnly = true), Description("Needs the client's sampling capability; without it, refuses with -32021 naming sampling.")]
    public static CallToolResult MissingCapability(McpServer server) =>
        server.ClientCapabilities?.Sampling is null
            ? throw new MissingRequiredClientCapabilityException(new ClientCapabilities { Sampling = new() }, "This tool needs the sampling capability.")
            : Text("The client declared sampling.");

    [McpServerTool(Name = "test_streaming_elicitation", ReadOnly = true), Description("Asks the user while the answer streams: an input-required result, never a server-to-client request.")]
    public static CallToolResult StreamingElicitation(RequestContext<CallToolRequestParams> context) =>
        Response(context, "confirm") is not null
            ? Text("Confirmed.")
            : throw new InputRequiredException(new Dictionary<string, InputRequest> { ["confirm"] = Ask("Please confirm", "ok") }, null);

    [McpServerTool(Name = "test_logging_tool", ReadOnly = true), Description("Logs one info message, only when the request set a log level.")]
    public static async Task<CallToolResult> Logging(McpServer server, CancellationToken cancellationToken)
    {
        var sent = server.LoggingLevel is not null && await ClientLog.SendAsync(server, LoggingLevel.Info, "test_logging_tool ran", cancellationToken);
        return Text(sent ? "Logged one message." : "No log level was set; nothing logged.");
    }

    private static CallToolResult Confirmed(RequestContext<CallToolRequestParams> context, string state)
    {
        if (SignedState.Verify(context.Params?.RequestState) == state && Response(context, "confirm") is not null)
        {
            return Text("state-ok: the request state came back intact.");
        }

        throw new InputRequiredException(new Dictionary<string, InputRequest> { ["confirm"] = Ask("Please confirm", "ok", boolean: true) }, SignedState.Sign(state));
    }

    /// <summary>The client's answer to <paramref name="key"/>; null when there is none.</summary>
    /// <exception cref="McpProtocolException">The answer is not a JSON object (-32602 Invalid params).</exception>
    private static InputResponse? Response(RequestContext<CallToolRequestParams> context, string key) =>
        context.Params?.InputResponses is { } responses && responses.TryGetValue(key, out var response)
            ? response.RawValue.ValueKind == System.Text.Json.JsonValueKind.Object
                ? response
                : throw new McpProtocolException($"inputResponses.{key} must be the result object of the input request, not {response.RawValue.ValueKind}.", McpErrorCode.InvalidParams)
            : null;

    private static InputRequest Ask(string message, string field, bool boolean = false) => InputRequest.ForElicitation(new ElicitRequestParams
    {
        Message = message,
        RequestedSchema = new RequestSchema
        {
            Properties = new Dictionary<string, PrimitiveSchemaDefinition> { [field] = boolean ? new BooleanSchema() : new StringSchema() },
            Required = [field],
        },
    });

    private static InputRequest Sample(string text, int maxTokens) => InputRequest.ForSampling(new CreateMessageRequestParams
    {
        Messages = [new SamplingMessage { Role = Role.User, Content = [new TextContentBlock { Text = text }] }],
        MaxTokens = maxTokens,
    });

    private static CallToolResult Text(string text) => new() { Content = [new TextContentBlock { Text = text }] };
}
