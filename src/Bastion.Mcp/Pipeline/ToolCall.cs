using System.Diagnostics;
using System.Text.Json;
using Bastion.Core.FanOut;
using Bastion.Core.Inventory;
using Bastion.Core.Policy;
using Bastion.Mcp.Security;
using ModelContextProtocol.Protocol;
using ModelContextProtocol.Server;

namespace Bastion.Mcp.Pipeline;

/// <summary>
/// One tool call as it goes through the pipeline's steps: each step reads what the earlier ones found (the principal,
/// the arguments, the resolved hosts, whether confirmation is needed) and adds its own part. A step that must not let
/// the call go on stops it (<see cref="Refuse"/>, <see cref="Stop"/>); the outcome step then records whatever happened.
/// </summary>
public sealed class ToolCall
{
    private readonly Func<JsonElement> _recordArguments;
    private JsonElement? _recordedArguments;

    internal ToolCall(
        RequestContext<CallToolRequestParams> request,
        McpRequestHandler<CallToolRequestParams, CallToolResult> tool,
        McpServerTool description,
        CallToolRequestParams parameters,
        Func<Dictionary<string, JsonElement>, JsonElement> redact)
    {
        Request = request;
        Next = tool;
        Tool = description;
        Name = parameters.Name;
        Arguments = new Dictionary<string, JsonElement>(parameters.Arguments ?? new Dictionary<string, JsonElement>(), StringComparer.Ordinal);
        NeedsConfirmation = ToolAccess.AlwaysConfirms(description);
        _recordArguments = () => redact(Arguments);
    }

    /// <summary>The SDK's request: server, session, services, and the parameters the tool will be called with.</summary>
    public RequestContext<CallToolRequestParams> Request { get; }

    /// <summary>Runs the tool (the SDK's handler behind the pipeline).</summary>
    internal McpRequestHandler<CallToolRequestParams, CallToolResult> Next { get; }

    /// <summary>The tool called: its protocol description (schema, annotations, <c>_meta</c>) and its metadata (attributes).</summary>
    public McpServerTool Tool { get; }

    /// <summary>The tool's name.</summary>
    public string Name { get; }

    /// <summary>Measures the call from its first step, for the audit entry and the duration metric.</summary>
    public Stopwatch Stopwatch { get; } = Stopwatch.StartNew();

    /// <summary>Who calls (the caller step).</summary>
    public Principal Principal { get; set; } = null!;

    /// <summary>The call's arguments; the arguments step takes <c>confirm</c> and <c>dry_run</c> out.</summary>
    public Dictionary<string, JsonElement> Arguments { get; }

    /// <summary>The arguments as the audit log and a plan show them (secrets redacted); made once, when first needed.</summary>
    public JsonElement RecordedArguments => _recordedArguments ??= _recordArguments();

    /// <summary>The confirmation handle the call presents, if any.</summary>
    public string? ConfirmHandle { get; set; }

    /// <summary>True when the caller asked only for the plan.</summary>
    public bool DryRun { get; set; }

    /// <summary>The hosts the call touches, resolved once (the targets step).</summary>
    public IReadOnlyList<Host> Targets { get; set; } = [];

    /// <summary>Where the resolved hosts are handed to the tool's fan-out, and its outcome comes back; null when the call has none.</summary>
    public CallTargets? Handoff { get; set; }

    /// <summary>Whether the user must confirm: the destructive annotation, or the command policy's verdict.</summary>
    public bool NeedsConfirmation { get; set; }

    /// <summary>What the call would do, in words, for the plan and the question; null: the tool and its arguments.</summary>
    public string? Action { get; set; }

    /// <summary>Why confirmation is asked (or, for a command in the read-only set, why not), shown with the plan.</summary>
    public string Risk { get; set; } = "this tool changes things (destructive annotation).";

    /// <summary>allowed, confirmed, or what stopped the call (refused, declined, dry_run, confirmation_required).</summary>
    public string Decision { get; set; } = "allowed";

    /// <summary>Why the call was stopped, as recorded; null when it ran.</summary>
    public string? Reason { get; private set; }

    /// <summary>True once a step stopped the call: nothing more runs but the outcome step.</summary>
    public bool Stopped { get; private set; }

    /// <summary>True when the call was refused (the outcome step answers with the redacted reason and logs it).</summary>
    public bool Refused { get; private set; }

    /// <summary>False when the audit log could not be written before the call, so the outcome step writes no entry.</summary>
    public bool Recordable { get; private set; } = true;

    /// <summary>True once the tool ran.</summary>
    public bool Ran { get; set; }

    /// <summary>What the call answers: the tool's result, a plan, or an error.</summary>
    public CallToolResult? Result { get; set; }

    /// <summary>
    /// The input-required result the call answers with (a 2026-07-28 confirmation question and its request state); the
    /// pipeline returns it once the outcome step recorded the stop. Null otherwise.
    /// </summary>
    public InputRequiredResult? InputRequired { get; private set; }

    /// <summary>
    /// Stops the call until the client answers <paramref name="result"/>'s questions and retries with its state; the audit
    /// entry says <c>confirmation_required</c> (as for a plan handle) with <paramref name="reason"/>.
    /// </summary>
    public void AskForInput(InputRequiredResult result, string reason)
    {
        (InputRequired, Stopped, Decision, Reason) = (result, true, "confirmation_required", reason);
    }

    /// <summary>Refuses the call: nothing runs; the answer and the audit entry give <paramref name="reason"/>, redacted.</summary>
    public void Refuse(string reason, string decision = "refused")
    {
        (Refused, Stopped, Decision, Reason) = (true, true, decision, reason);
    }

    /// <summary>Stops the call with <paramref name="result"/> (a plan, or an error); the audit entry says <paramref name="decision"/>.</summary>
    /// <param name="result">What the call answers.</param>
    /// <param name="decision">The recorded decision.</param>
    /// <param name="reason">The recorded reason.</param>
    /// <param name="recordable">False when the audit log cannot be written: the call is counted but not recorded.</param>
    public void Stop(CallToolResult result, string decision, string? reason, bool recordable = true)
    {
        (Result, Stopped, Decision, Reason, Recordable) = (result, true, decision, reason, recordable);
    }

    /// <summary>An error result the model can read.</summary>
    public static CallToolResult Error(string message) =>
        new() { IsError = true, Content = [new TextContentBlock { Text = message }] };
}
