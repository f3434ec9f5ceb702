using System.Text.Json;
using Bastion.Core.Audit;
using Bastion.Core.FanOut;
using Bastion.Core.Inventory;
using Bastion.Core.Policy;
using Bastion.Core.Secrets;
using Bastion.Core.Telemetry;
using Bastion.Mcp.Catalog;
using Bastion.Mcp.Pipeline.Steps;
using Bastion.Mcp.Security;
using Microsoft.Extensions.Logging;
using ModelContextProtocol.Protocol;
using ModelContextProtocol.Server;
using Bastion.Core;

namespace Bastion.Mcp.Pipeline;

/// <summary>
/// The one pipeline around every tool call (an SDK request filter); no tool enforces a rule itself. It is a list of named
/// steps sharing one <see cref="ToolCall"/>; a step that stops the call skips the rest, and the outcome step records
/// every call, whatever stopped it. No step names a tool: tools opt in through their annotations and metadata.
/// Domain errors become tool errors the model can read; other exceptions stay faults of the machinery.
/// </summary>
public sealed class ToolCallPipeline
{
    private readonly CallerStep _caller;
    private readonly ToolAccess _access;
    private readonly Redactor _redactor;
    private readonly ICallStep[] _steps;
    private readonly OutcomeStep _outcome;

    /// <summary>Builds the steps from the server's services.</summary>
    public ToolCallPipeline(
        BastionOptions options,
        ToolAccess access,
        ConfirmationStore confirmations,
        ConfirmationStates states,
        CommandPolicy policy,
        IAuditTrail audit,
        Redactor redactor,
        IInventory inventory,
        IEnumerable<ICallPrecheck> prechecks,
        IServiceProvider services,
        ILogger<ToolCallPipeline> logger)
    {
        ArgumentNullException.ThrowIfNull(options);
        (_caller, _access, _redactor) = (new CallerStep(options), access, redactor);

        // Why this order: who calls decides what they may see, so access comes first and a hidden tool learns nothing
        // more. Arguments are checked before anything reads them; the targets are resolved once, before anything needs
        // them, so that the policy, the plan, the audit entry and the fan-out all speak of the same hosts. The policy and
        // the tool's own prechecks run before anyone is asked, so a person is never asked to approve what would be
        // refused, and sees what the call really touches. Confirmation comes last of the checks; then the audit log must
        // take the intent (or be writable) before the tool runs, because nothing runs that cannot be recorded. Redaction
        // sits between the tool and the outcome, so neither the answer nor the outcome sees a secret.
        _steps =
        [
            _caller,
            new AccessStep(access),
            new ArgumentsStep(),
            new TargetsStep(inventory, options.FanOut),
            new CommandPolicyStep(policy, redactor),
            new CallRiskStep(services, redactor),
            new PrecheckStep(prechecks, redactor),
            new ConfirmationStep(confirmations, states),
            new AuditIntentStep(audit, logger),
            new ToolStep(inventory),
            new RedactionStep(redactor),
        ];
        _outcome = new OutcomeStep(audit, redactor, logger);
    }

    /// <summary>
    /// Adds the pipeline's filters to <paramref name="server"/>: tools/list shows what the caller may call (and a
    /// <see cref="DeferredToolCollection"/> makes no other tool for it); tools/call runs the steps.
    /// </summary>
    public void AddTo(McpServerOptions server)
    {
        ArgumentNullException.ThrowIfNull(server);
        server.Filters.Request.ListToolsFilters.Add(next => async (request, cancellationToken) =>
        {
            var principal = _caller.Of(request);
            ListToolsResult result;
            using (DeferredToolCollection.ListingOnly(facts => _access.Refusal(principal, facts) is null))
            {
                result = await next(request, cancellationToken);
            }

            var tools = request.Server.ServerOptions.ToolCollection;
            result.Tools = [.. result.Tools.Where(t => tools?.TryGetPrimitive(t.Name, out var tool) == true && _access.Refusal(principal, tool) is null)];
            return result;
        });
        server.Filters.Request.CallToolFilters.Add(next => (request, cancellationToken) => CallAsync(next, request, cancellationToken));
    }

    /// <summary>
    /// A tool as the catalogue serves it: one that may ask for confirmation (see <see cref="ToolAccess.MayConfirm"/>)
    /// also takes <c>confirm</c> and <c>dry_run</c>, and its input schema is shown lean (see <see cref="LeanTool"/>).
    /// Done once per tool, when the catalogue makes it.
    /// </summary>
    public static McpServerTool Served(McpServerTool tool)
    {
        ArgumentNullException.ThrowIfNull(tool);
        return LeanTool.Of(ToolAccess.MayConfirm(tool) ? ConfirmingTool.Of(tool) : tool);
    }

    private async ValueTask<CallToolResult> CallAsync(
        McpRequestHandler<CallToolRequestParams, CallToolResult> next,
        RequestContext<CallToolRequestParams> request,
        CancellationToken cancellationToken)
    {
        if (request.MatchedPrimitive is not McpServerTool tool || request.Params is not { } parameters)
        {
            return await next(request, cancellationToken); // unknown tool: the SDK answers with a protocol error
        }

        using var span = BastionTelemetry.StartToolCall(parameters.Name);
        var call = new ToolCall(request, next, tool, parameters, arguments => RecordArguments(tool, arguments));
        foreach (var step in _steps)
        {
            await step.RunAsync(call, cancellationToken);
            if (call.Stopped)
            {
                break;
            }
        }

        await _outcome.RunAsync(call, cancellationToken);
        if (call.InputRequired is { } question)
        {
            throw new InputRequiredException(question); // the SDK answers with the input-required result
        }

        return call.Result!;
    }

    /// <summary>The arguments as audit entries and plans show them: the tool's declared secret arguments hidden, then
    /// every secret the redactor finds.</summary>
    private JsonElement RecordArguments(McpServerTool tool, Dictionary<string, JsonElement> arguments)
    {
        var node = JsonSerializer.SerializeToNode(arguments, CommonJson.Default.DictionaryStringJsonElement)!;
        foreach (var name in tool.Metadata.OfType<SecretArgumentsAttribute>().SelectMany(a => a.Names))
        {
            if (arguments.TryGetValue(name, out var value) && value.ValueKind == JsonValueKind.String)
            {
                node[name] = Redactor.HideValue(value.GetString()!);
            }
        }

        return JsonSerializer.SerializeToElement(_redactor.Redact(node), CommonJson.Default.JsonNode);
    }
}
