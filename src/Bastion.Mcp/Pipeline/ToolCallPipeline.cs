using System.Diagnostics;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Bastion.Core;
using Bastion.Core.Audit;
using Bastion.Core.Commands;
using Bastion.Core.Inventory;
using Bastion.Core.Policy;
using Bastion.Core.Secrets;
using Bastion.Core.Telemetry;
using Bastion.Mcp.Catalog;
using Bastion.Mcp.Security;
using Microsoft.Extensions.Logging;
using ModelContextProtocol;
using ModelContextProtocol.Protocol;
using ModelContextProtocol.Server;

namespace Bastion.Mcp.Pipeline;

/// <summary>
/// The one pipeline around every tool call (SDK request filters); no tool enforces a rule itself. In order: the tool
/// must be visible to the principal (toolset filters, scope, mode); the arguments must fit the input schema; the target
/// must resolve; a command must pass the command policy on every target host; a destructive call, or a command outside
/// the read-only set, needs the user's confirmation (elicitation, or a plan and a single-use handle); the audit log
/// must be writable (an intent entry first for confirmed calls; a check of the log for the others), else the call is
/// refused and nothing runs; the tool runs; secrets are redacted from what it returns; the outcome is recorded (audit
/// log, <c>bastion.tool.*</c> metrics, the call's <c>tool {name}</c> span), and a result whose entry cannot be written is
/// withheld and replaced by an error. Domain errors become tool errors the model can read; other exceptions stay faults of
/// the machinery.
/// </summary>
public sealed partial class ToolCallPipeline(
    BastionOptions options,
    ToolAccess access,
    ConfirmationStore confirmations,
    CommandPolicy policy,
    AuditLog audit,
    Redactor redactor,
    IInventory inventory,
    IEnumerable<ICallPrecheck> prechecks,
    ILogger<ToolCallPipeline> logger)
{
    private const string Confirm = "confirm";
    private const string DryRun = "dry_run";

    /// <summary>The <c>_meta</c> key that marks a secrets:read tool whose result is meant to carry secrets.</summary>
    public const string ReturnsSecretsKey = "bastion/returns-secrets";
    private static readonly JsonElement EmptyObject = JsonDocument.Parse("{}").RootElement;

    private readonly Principal _local = options.LocalPrincipal();

    /// <summary>Adds the pipeline's filters to <paramref name="server"/>.</summary>
    public void AddTo(McpServerOptions server)
    {
        ArgumentNullException.ThrowIfNull(server);
        server.Filters.Request.ListToolsFilters.Add(next => async (request, cancellationToken) =>
        {
            var result = await next(request, cancellationToken);
            var principal = PrincipalOf(request);
            result.Tools = result.Tools
                .Where(t => access.Refusal(principal, t) is null)
                .Select(t => ToolAccess.AlwaysConfirms(t) || t.Name == ToolAccess.PolicedTool ? WithConfirmationParameters(t) : t)
                .ToList();
            return result;
        });
        server.Filters.Request.CallToolFilters.Add(next => (request, cancellationToken) => CallAsync(next, request, cancellationToken));
    }

    private async ValueTask<CallToolResult> CallAsync(
        McpRequestHandler<CallToolRequestParams, CallToolResult> next,
        RequestContext<CallToolRequestParams> request,
        CancellationToken cancellationToken)
    {
        if (request.MatchedPrimitive is not McpServerTool tool || request.Params is not { } call)
        {
            return await next(request, cancellationToken); // unknown tool: the SDK answers with a protocol error
        }

        using var span = BastionTelemetry.StartToolCall(call.Name);
        var stopwatch = Stopwatch.StartNew();
        var principal = PrincipalOf(request);
        var arguments = new Dictionary<string, JsonElement>(call.Arguments ?? new Dictionary<string, JsonElement>(), StringComparer.Ordinal);
        var record = new AuditRecord("call", principal.Name, principal.Tenant, request.Server.SessionId, call.Name, RedactArguments(arguments), [], "refused", null, null, null, null);

        if (access.Refusal(principal, tool.ProtocolTool) is { } hidden)
        {
            return await RefuseAsync(record, hidden, stopwatch, cancellationToken);
        }

        var (confirm, dryRun, badControl) = TakeControlArguments(arguments);
        if (badControl is not null)
        {
            return await RefuseAsync(record, badControl, stopwatch, cancellationToken);
        }

        arguments.Remove(Confirm);
        arguments.Remove(DryRun);
        record = record with { Arguments = RedactArguments(arguments) };
        if (ArgumentCheck.Problems(tool, arguments) is { } invalid)
        {
            return await RefuseAsync(record, $"Invalid arguments for '{call.Name}': {invalid}", stopwatch, cancellationToken);
        }

        IReadOnlyList<Host> targets;
        try
        {
            await inventory.RefreshAsync(cancellationToken);
            targets = Targets(tool, arguments);
        }
        catch (BastionException e)
        {
            return await RefuseAsync(record, e.Message, stopwatch, cancellationToken);
        }

        record = record with { Targets = targets.Select(h => h.Name).ToList() };
        var (confirmNeeded, action, risk) = (
            ToolAccess.AlwaysConfirms(tool.ProtocolTool),
            $"call {call.Name} with {JsonSerializer.Serialize(record.Arguments, BastionJson.Options)}",
            "this tool changes things (destructive annotation).");
        if (call.Name == ToolAccess.PolicedTool)
        {
            var verdict = CheckCommand(principal, arguments, targets);
            if (verdict.Refusal is { } refusal)
            {
                return await RefuseAsync(record, refusal, stopwatch, cancellationToken);
            }

            // A command line may name a secret: the plan, the question to the user and the audit entries see it redacted.
            (confirmNeeded, action, risk) = (verdict.NeedsConfirmation, redactor.Redact(verdict.Action), redactor.Redact(verdict.Reason));
        }

        foreach (var precheck in prechecks)
        {
            try
            {
                risk = await precheck.CheckAsync(call.Name, arguments, targets, cancellationToken) is { } note ? $"{risk} {redactor.Redact(note)}" : risk;
            }
            catch (BastionException e)
            {
                return await RefuseAsync(record, e.Message, stopwatch, cancellationToken);
            }
        }

        var hash = ArgumentsHash(arguments);
        var plan = new CallPlan(call.Name, action, record.Targets, risk, record.Arguments ?? EmptyObject, null, null);
        if (dryRun)
        {
            await AppendQuietlyAsync(record with { Decision = "dry_run", Reason = risk }, stopwatch, cancellationToken);
            return PlanResult(plan, confirmNeeded
                ? "Dry run: nothing ran. This call needs confirmation; call again without dry_run to get it."
                : "Dry run: nothing ran. This call would run without confirmation.");
        }

        var decision = "allowed";
        if (confirmNeeded)
        {
            if (confirm is not null)
            {
                try
                {
                    confirmations.Redeem(confirm, principal, call.Name, hash);
                }
                catch (BastionException e)
                {
                    return await RefuseAsync(record, e.Message, stopwatch, cancellationToken);
                }
            }
            else if (request.Server.ClientCapabilities?.Elicitation is not null)
            {
                if (!await ElicitAsync(request.Server, principal, plan, cancellationToken))
                {
                    return await RefuseAsync(record, "The user declined; nothing ran.", stopwatch, cancellationToken, "declined");
                }
            }
            else
            {
                var (handle, expires) = confirmations.Issue(principal, call.Name, hash);
                await AppendQuietlyAsync(record with { Decision = "confirmation_required", Reason = risk }, stopwatch, cancellationToken);
                return PlanResult(
                    plan with { Confirmation = handle, Expires = expires },
                    $"Confirmation required: nothing ran yet. Show the user this plan; if they agree, call {call.Name} again with exactly the same arguments plus confirm=\"{handle}\" (single use, expires {expires:u}).");
            }

            decision = "confirmed";
            try
            {
                await audit.AppendAsync(record with { Phase = "intent", Decision = decision, Reason = risk }, cancellationToken);
            }
            catch (AuditUnavailableException e)
            {
                LogAuditFailure(logger, call.Name, e.Message);
                Observe(record with { Decision = "refused" }, stopwatch);
                return Error($"Refused: the audit log cannot be written ({e.Message}), and Bastion does not change anything it cannot record. Nothing ran.");
            }
        }
        else
        {
            // Nothing runs that the log cannot record: a confirmed call's intent entry checked that above.
            try
            {
                await audit.EnsureWritableAsync(cancellationToken);
            }
            catch (AuditUnavailableException e)
            {
                LogAuditFailure(logger, call.Name, e.Message);
                Observe(record with { Decision = "refused" }, stopwatch);
                return Error($"Refused: the audit log cannot be written ({e.Message}), and Bastion runs nothing it cannot record. Nothing ran.");
            }
        }

        call.Arguments = arguments;
        CallToolResult result;
        try
        {
            result = await next(request, cancellationToken);
        }
        catch (BastionException e)
        {
            result = Error(e.Message);
        }
        catch (Exception)
        {
            Observe(record with { Decision = decision, Outcome = "error" }, stopwatch); // a fault of the machinery, or cancellation
            throw;
        }

        if (tool.ProtocolTool.Annotations?.ReadOnlyHint != true)
        {
            inventory.Invalidate(); // a deploy or a destroy changes the platforms' host lists: ask them again next time
        }

        result = ReturnsSecrets(tool.ProtocolTool)
            ? Redact(result, redactor.RedactKnownSecrets, redactor.RedactKnownSecrets)
            : Redact(result, redactor.Redact, redactor.Redact);
        var outcome = record with
        {
            Phase = confirmNeeded ? "outcome" : "call",
            Decision = decision,
            Reason = confirmNeeded ? risk : null,
            Outcome = Outcome(result),
            ExitCodes = ExitCodes(result),
        };
        Observe(outcome, stopwatch);
        try
        {
            // The entry is on disk before the result leaves: a result that cannot be recorded is not returned.
            await audit.AppendAsync(outcome with { DurationMs = Math.Round(stopwatch.Elapsed.TotalMilliseconds, 1) }, CancellationToken.None);
        }
        catch (AuditUnavailableException e)
        {
            LogAuditFailure(logger, call.Name, e.Message);
            return Error($"The audit log cannot be written ({e.Message}); the result is withheld, because Bastion returns nothing it cannot record. The tool ran{(confirmNeeded ? " (its intent was recorded)" : string.Empty)}.");
        }

        if (result.IsError == true)
        {
            var message = Text(result);
            LogToolError(logger, call.Name, message);
        }

        return result;
    }

    private Principal PrincipalOf(MessageContext request) => Caller.Of(request) ?? _local;

    /// <summary>The hosts a call would touch: its <c>target</c> expression or its <c>host</c>, given or defaulted by the schema.</summary>
    private IReadOnlyList<Host> Targets(McpServerTool tool, Dictionary<string, JsonElement> arguments)
    {
        var properties = tool.ProtocolTool.InputSchema.TryGetProperty("properties", out var p) && p.ValueKind == JsonValueKind.Object ? p : default;
        string? Value(string name) =>
            arguments.TryGetValue(name, out var given) ? given.GetString()
            : properties.ValueKind == JsonValueKind.Object && properties.TryGetProperty(name, out var schema) && schema.TryGetProperty("default", out var fallback) ? fallback.GetString()
            : null;

        return Value("target") is { } target ? TargetSelector.Resolve(target, inventory.Hosts, options.FanOut.MaxHosts)
            : Value("host") is { } host ? [inventory.Get(host)]
            : [];
    }

    private (string? Refusal, bool NeedsConfirmation, string Action, string Reason) CheckCommand(Principal principal, Dictionary<string, JsonElement> arguments, IReadOnlyList<Host> targets)
    {
        var line = arguments.TryGetValue("command", out var c) && c.ValueKind == JsonValueKind.String ? c.GetString() : null;
        var argv = arguments.TryGetValue("argv", out var a) && a.ValueKind == JsonValueKind.Array ? a.EnumerateArray().Select(x => x.GetString() ?? string.Empty).ToList() : null;
        var variables = arguments.TryGetValue("env", out var e) && e.ValueKind == JsonValueKind.Object
            ? e.EnumerateObject().ToDictionary(v => v.Name, v => v.Value.GetString() ?? string.Empty, StringComparer.Ordinal)
            : [];
        var directory = arguments.TryGetValue("cwd", out var d) && d.ValueKind == JsonValueKind.String ? d.GetString() : null;
        try
        {
            CommandExecutor.Validate(new CommandSpec(line, argv, TimeSpan.FromSeconds(1), directory, variables, 1));
        }
        catch (BastionException invalid)
        {
            return (invalid.Message, false, string.Empty, invalid.Message);
        }

        var where = directory is null ? "in the user's home directory (no cwd given)" : $"in {directory}";
        var action = $"{(line is not null ? $"run `{line}`" : argv is not null ? $"run {JsonSerializer.Serialize(argv)} (no shell)" : "run nothing")} {where}";
        var needsConfirmation = false;
        var reasons = new List<string>();
        if (variables.Where(v => !HarmlessVariable(v.Key, v.Value)).Select(v => v.Key).ToList() is { Count: > 0 } risky)
        {
            var reason = $"env sets {string.Join(", ", risky)} for a command {where}, which can change what any program does ({CommandPolicy.HarmlessVariables}).";
            if (principal.Mode == Mode.ReadOnly)
            {
                return ($"Refused: {reason} Read-only mode accepts only the harmless ones.", false, action, reason);
            }

            (needsConfirmation, action) = (true, $"{action} with {string.Join(" ", risky.Select(n => n + "=…"))}");
            reasons.Add(reason);
        }
        foreach (var host in targets)
        {
            var decision = policy.Evaluate(new CommandCheck(line, argv, host.Groups, principal.Mode, principal.Has(Scopes.CommandsSudo), directory));
            switch (decision.Verdict)
            {
                case CommandVerdict.Refused:
                    return ($"Refused on host '{host.Name}': {decision.Reason}", false, action, decision.Reason);
                case CommandVerdict.NeedsConfirmation:
                    needsConfirmation = true;
                    reasons.Add(decision.Reason);
                    break;
            }
        }

        return (null, needsConfirmation, action, needsConfirmation ? string.Join(" ", reasons.Distinct()) : "in the read-only set");
    }

    private static bool HarmlessVariable(string name, string? value) => CommandPolicy.IsHarmlessVariable(name, value);

    private static async Task<bool> ElicitAsync(McpServer server, Principal principal, CallPlan plan, CancellationToken cancellationToken)
    {
        var where = plan.Targets.Count == 0
            ? string.Empty
            : $" on {string.Join(", ", plan.Targets)} ({plan.Targets.Count} host{(plan.Targets.Count == 1 ? string.Empty : "s")})";
        var message = $"Bastion is about to {plan.Action}{where} as {principal.Name}. Why it asks: {plan.Risk} Allow it?";
        var result = await server.ElicitAsync(
            new ElicitRequestParams
            {
                Message = message,
                RequestedSchema = new ElicitRequestParams.RequestSchema
                {
                    Properties = { ["approve"] = new ElicitRequestParams.BooleanSchema { Title = "Run it", Description = "Yes to run exactly this, with exactly these arguments." } },
                    Required = ["approve"],
                },
            },
            cancellationToken);
        return result.IsAccepted && result.Content?.TryGetValue("approve", out var approve) == true && approve.ValueKind == JsonValueKind.True;
    }

    private static (string? Confirm, bool DryRun, string? Problem) TakeControlArguments(Dictionary<string, JsonElement> arguments)
    {
        string? confirm = null;
        var dryRun = false;
        if (arguments.TryGetValue(Confirm, out var c))
        {
            if (c.ValueKind != JsonValueKind.String || c.GetString()!.Length is 0 or > 200)
            {
                return (null, false, "confirm must be the handle string a plan returned.");
            }

            confirm = c.GetString();
        }

        if (arguments.TryGetValue(DryRun, out var d))
        {
            if (d.ValueKind is not (JsonValueKind.True or JsonValueKind.False))
            {
                return (null, false, "dry_run must be true or false.");
            }

            dryRun = d.ValueKind == JsonValueKind.True;
        }

        return (confirm, dryRun, null);
    }

    private static string ArgumentsHash(Dictionary<string, JsonElement> arguments)
    {
        var canonical = JsonSerializer.Serialize(new SortedDictionary<string, JsonElement>(arguments, StringComparer.Ordinal));
        return Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(canonical)));
    }

    private JsonElement RedactArguments(Dictionary<string, JsonElement> arguments)
    {
        var node = redactor.Redact(JsonSerializer.SerializeToNode(arguments));
        return JsonSerializer.SerializeToElement(node);
    }

    /// <summary>
    /// The result with secrets replaced: <paramref name="values"/> over the structured content (and the text block
    /// written again from it, since redacting JSON text could break its syntax), else <paramref name="text"/> over each
    /// text block.
    /// </summary>
    private static CallToolResult Redact(CallToolResult result, Func<JsonNode?, JsonNode?> values, Func<string, string> text)
    {
        if (result.StructuredContent is { } structured)
        {
            var redacted = values(JsonNode.Parse(structured.GetRawText()));
            result.StructuredContent = JsonSerializer.SerializeToElement(redacted);
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

    /// <summary>
    /// A tool whose purpose is to return secrets to a caller entitled to them: its toolset needs <c>secrets:read</c> and
    /// its <c>_meta</c> carries <c>"bastion/returns-secrets": true</c>. Its result loses only the values Bastion knows.
    /// </summary>
    private static bool ReturnsSecrets(Tool tool) =>
        ToolCatalog.ScopeOf(tool) == Scopes.SecretsRead
        && tool.Meta?[ReturnsSecretsKey] is JsonValue flag && flag.GetValueKind() == JsonValueKind.True;

    private async Task<CallToolResult> RefuseAsync(AuditRecord record, string reason, Stopwatch stopwatch, CancellationToken cancellationToken, string decision = "refused")
    {
        var safe = redactor.Redact(reason);
        await AppendQuietlyAsync(record with { Decision = decision, Reason = safe }, stopwatch, cancellationToken);
        LogRefused(logger, record.Tool, safe);
        return Error(safe);
    }

    /// <summary>Writes the call's last audit entry, and counts the call in the metrics and tags its span.</summary>
    private async Task AppendQuietlyAsync(AuditRecord record, Stopwatch stopwatch, CancellationToken cancellationToken)
    {
        Observe(record, stopwatch);
        try
        {
            await audit.AppendAsync(record with { DurationMs = Math.Round(stopwatch.Elapsed.TotalMilliseconds, 1) }, cancellationToken);
        }
        catch (AuditUnavailableException e)
        {
            LogAuditFailure(logger, record.Tool, e.Message);
        }
    }

    /// <summary>
    /// The call's outcome for metrics and its span: ok, partial or error when the tool ran, otherwise the decision that
    /// stopped it (refused, declined, dry_run, confirmation_required). Tenant and principal stay out: see BastionTelemetry.
    /// </summary>
    private static void Observe(AuditRecord record, Stopwatch stopwatch)
    {
        var outcome = record.Outcome ?? record.Decision;
        BastionTelemetry.RecordToolCall(record.Tool, outcome, stopwatch.Elapsed.TotalSeconds);
        if (Activity.Current is { } span && span.Source == BastionTelemetry.ActivitySource)
        {
            span.SetTag("bastion.outcome", outcome).SetTag("bastion.targets", record.Targets.Count);
            if (outcome == "error")
            {
                span.SetStatus(ActivityStatusCode.Error);
            }
        }
    }

    private static string Outcome(CallToolResult result)
    {
        if (result.IsError == true)
        {
            return "error";
        }

        return result.StructuredContent is { } s && s.TryGetProperty("summary", out var summary) && summary.ValueKind == JsonValueKind.Object
            && summary.TryGetProperty("ok", out var ok) && summary.TryGetProperty("targets", out var all) && ok.GetInt32() < all.GetInt32()
            ? "partial"
            : "ok";
    }

    private static Dictionary<string, int>? ExitCodes(CallToolResult result)
    {
        if (result.StructuredContent is not { } s || !s.TryGetProperty("hosts", out var hosts) || hosts.ValueKind != JsonValueKind.Array)
        {
            return null;
        }

        var codes = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var outcome in hosts.EnumerateArray())
        {
            if (outcome.TryGetProperty("result", out var r) && r.ValueKind == JsonValueKind.Object && r.TryGetProperty("exit_code", out var code))
            {
                codes[outcome.GetProperty("host").GetString()!] = code.GetInt32();
            }
        }

        return codes.Count == 0 ? null : codes;
    }

    private static CallToolResult PlanResult(CallPlan plan, string text) => new()
    {
        // A plan is not the tool's result and does not fit its output schema (clients check structured content even on
        // errors), so it comes back as an error result: the first line tells the model what to do, the second is the
        // plan as JSON.
        IsError = true,
        Content = [new TextContentBlock { Text = $"{text}\n{JsonSerializer.Serialize(plan, BastionJson.Options)}" }],
    };

    private static Tool WithConfirmationParameters(Tool tool)
    {
        var schema = JsonNode.Parse(tool.InputSchema.GetRawText())!.AsObject();
        var properties = schema["properties"] as JsonObject ?? [];
        properties[Confirm] = new JsonObject
        {
            ["type"] = "string",
            ["description"] = "The confirmation handle from this call's plan, when the server asked for one (clients without elicitation). Omit otherwise.",
        };
        properties[DryRun] = new JsonObject { ["type"] = "boolean", ["default"] = false, ["description"] = "Only return the plan (what would run where, and whether it needs confirmation); run nothing." };
        schema["properties"] = properties;
        return new Tool
        {
            Name = tool.Name,
            Title = tool.Title,
            Description = tool.Description,
            InputSchema = JsonSerializer.SerializeToElement(schema),
            OutputSchema = tool.OutputSchema,
            Annotations = tool.Annotations,
            Meta = tool.Meta,
            Icons = tool.Icons,
        };
    }

    private static CallToolResult Error(string message) =>
        new() { IsError = true, Content = [new TextContentBlock { Text = message }] };

    private static string Text(CallToolResult result) => string.Join(" ", result.Content.OfType<TextContentBlock>().Select(c => c.Text));

    [LoggerMessage(Level = LogLevel.Information, Message = "Tool {Tool} refused: {Reason}")]
    private static partial void LogRefused(ILogger logger, string tool, string reason);

    [LoggerMessage(Level = LogLevel.Information, Message = "Tool {Tool} failed: {Message}")]
    private static partial void LogToolError(ILogger logger, string tool, string message);

    [LoggerMessage(Level = LogLevel.Error, Message = "Audit log not written for {Tool}: {Message}")]
    private static partial void LogAuditFailure(ILogger logger, string tool, string message);
}
