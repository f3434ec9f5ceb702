using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Bastion.Core;
using Bastion.Mcp.Security;
using ModelContextProtocol.Protocol;
using ModelContextProtocol.Server;

namespace Bastion.Mcp.Pipeline.Steps;

/// <summary>
/// A call that needs confirmation runs only once the user agreed: a plan handle presented again (single use, bound to
/// the principal, the tool and the exact arguments), or a yes to the elicitation question; a client that can do neither
/// gets the plan and a handle. The question is asked in the client's era: a 2025 session is asked by the server
/// (elicitation/create, answered within the call); a 2026-07-28 request, which has no session, is answered with an
/// input-required result carrying the question and a sealed request state (<see cref="ConfirmationStates"/>), and the
/// client's retry brings the answer and the state back, to whichever instance. A dry run gets the plan and runs
/// nothing. The plan and the arguments' hash are made only on these paths; a call that needs no confirmation passes
/// untouched.
/// </summary>
internal sealed class ConfirmationStep(ConfirmationStore confirmations, ConfirmationStates states) : ICallStep
{
    /// <summary>The key of the confirmation question in an input-required result and of its answer in the retry.</summary>
    public const string QuestionKey = "confirm";

    /// <summary>The first protocol revision without sessions, whose requests carry their own version.</summary>
    private const string PerRequestRevision = "2026-07-28";

    public async ValueTask RunAsync(ToolCall call, CancellationToken cancellationToken)
    {
        if (call.DryRun)
        {
            call.Stop(
                PlanResult(PlanOf(call), call.NeedsConfirmation
                    ? "Dry run: nothing ran. This call needs confirmation; call again without dry_run to get it."
                    : "Dry run: nothing ran. This call would run without confirmation."),
                "dry_run",
                call.Risk);
            return;
        }

        if (!call.NeedsConfirmation)
        {
            return;
        }

        var hash = ArgumentsHash(call.Arguments);
        if (call.ConfirmHandle is { } handle)
        {
            try
            {
                confirmations.Redeem(handle, call.Principal, call.Name, hash);
            }
            catch (BastionException e)
            {
                call.Refuse(e.Message);
                return;
            }
        }
        else if (call.Request.Params?.RequestState is { } state)
        {
            try
            {
                await states.RedeemAsync(state, call.Principal, call.Name, hash, HostsHash(call.Targets.Select(h => h.Name)), cancellationToken);
            }
            catch (BastionException e)
            {
                call.Refuse(e.Message);
                return;
            }

            if (Answer(call.Request.Params.InputResponses) is not { } approved)
            {
                call.Refuse($"The retry carries no answer to the confirmation question (inputResponses.{QuestionKey}); nothing ran. Call the tool again without requestState to be asked again.");
                return;
            }

            if (!approved)
            {
                call.Refuse("The user declined; nothing ran.", "declined");
                return;
            }
        }
        else if (call.Request.Server.ClientCapabilities?.Elicitation is not null)
        {
            if (IsPerRequest(call))
            {
                try
                {
                    var (issued, _) = states.Issue(call.Principal, call.Name, hash, HostsHash(call.Targets.Select(h => h.Name)));
                    call.AskForInput(new InputRequiredResult
                    {
                        InputRequests = new Dictionary<string, InputRequest> { [QuestionKey] = InputRequest.ForElicitation(Question(call, PlanOf(call))) },
                        RequestState = issued,
                    },
                    $"asked through an input-required result (2026-07-28); {call.Risk}");
                }
                catch (BastionException e)
                {
                    call.Refuse(e.Message);
                }

                return;
            }

            var answer = await call.Request.Server.ElicitAsync(Question(call, PlanOf(call)), cancellationToken);
            if (!Approves(answer))
            {
                call.Refuse("The user declined; nothing ran.", "declined");
                return;
            }
        }
        else
        {
            var (issued, expires) = confirmations.Issue(call.Principal, call.Name, hash);
            call.Stop(
                PlanResult(
                    PlanOf(call) with { Confirmation = issued, Expires = expires },
                    $"Confirmation required: nothing ran yet. Show the user this plan; if they agree, call {call.Name} again with exactly the same arguments plus confirm=\"{issued}\" (single use, expires {expires:u})."),
                "confirmation_required",
                call.Risk);
            return;
        }

        call.Decision = "confirmed";
    }

    private static CallPlan PlanOf(ToolCall call) => new(
        call.Name,
        call.Action ?? $"call {call.Name} with {JsonSerializer.Serialize(call.RecordedArguments, BastionJson.Info<JsonElement>())}",
        [.. call.Targets.Select(h => h.Name)],
        call.Risk,
        call.RecordedArguments,
        null,
        null);

    /// <summary>The question a person is asked, the same in both eras: what runs where, as whom, and why it asks.</summary>
    private static ElicitRequestParams Question(ToolCall call, CallPlan plan)
    {
        var where = plan.Targets.Count == 0
            ? string.Empty
            : $" on {string.Join(", ", plan.Targets)} ({plan.Targets.Count} host{(plan.Targets.Count == 1 ? string.Empty : "s")})";
        return new ElicitRequestParams
        {
            Message = $"Bastion is about to {plan.Action}{where} as {call.Principal.Name}. Why it asks: {plan.Risk} Allow it?",
            RequestedSchema = new ElicitRequestParams.RequestSchema
            {
                Properties = { ["approve"] = new ElicitRequestParams.BooleanSchema { Title = "Run it", Description = "Yes to run exactly this, with exactly these arguments." } },
                Required = ["approve"],
            },
        };
    }

    private static bool Approves(ElicitResult? answer) =>
        answer is { IsAccepted: true } && answer.Content?.TryGetValue("approve", out var approve) == true && approve.ValueKind == JsonValueKind.True;

    /// <summary>The person's answer in a retry: true for yes, false for anything else, null when there is no answer.</summary>
    private static bool? Answer(IDictionary<string, InputResponse>? responses) =>
        responses?.TryGetValue(QuestionKey, out var response) == true && response is not null
            ? Approves(response.Deserialize(InputResponse.ElicitResultJsonTypeInfo))
            : null;

    /// <summary>True when the request speaks 2026-07-28 or later (its own version in <c>_meta</c>, else the session's).</summary>
    private static bool IsPerRequest(ToolCall call) =>
        (call.Request.JsonRpcRequest.Context?.ProtocolVersion ?? call.Request.Server.NegotiatedProtocolVersion) is { } version
        && string.CompareOrdinal(version, PerRequestRevision) >= 0;

    internal static string ArgumentsHash(Dictionary<string, JsonElement> arguments)
    {
        var canonical = JsonSerializer.Serialize(new SortedDictionary<string, JsonElement>(arguments, StringComparer.Ordinal), CommonJson.Default.SortedDictionaryStringJsonElement);
        return Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(canonical)));
    }

    /// <summary>SHA-256 (hex) of the resolved hosts' names, sorted: what a request state binds besides the arguments.</summary>
    internal static string HostsHash(IEnumerable<string> names) =>
        Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(string.Join("\n", names.Order(StringComparer.Ordinal)))));

    private static CallToolResult PlanResult(CallPlan plan, string text) => new()
    {
        // A plan is not the tool's result and does not fit its output schema (clients check structured content even on
        // errors), so it comes back as an error result: the first line tells the model what to do, the second is the
        // plan as JSON.
        IsError = true,
        Content = [new TextContentBlock { Text = $"{text}\n{JsonSerializer.Serialize(plan, BastionJson.Info<CallPlan>())}" }],
    };
}
