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
/// gets the plan and a handle. A dry run gets the plan and runs nothing. The plan and the arguments' hash are made only
/// on these paths; a call that needs no confirmation passes untouched.
/// </summary>
internal sealed class ConfirmationStep(ConfirmationStore confirmations) : ICallStep
{
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
        else if (call.Request.Server.ClientCapabilities?.Elicitation is not null)
        {
            if (!await ElicitAsync(call, PlanOf(call), cancellationToken))
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
        call.Action ?? $"call {call.Name} with {JsonSerializer.Serialize(call.RecordedArguments, BastionJson.Options)}",
        [.. call.Targets.Select(h => h.Name)],
        call.Risk,
        call.RecordedArguments,
        null,
        null);

    private static async Task<bool> ElicitAsync(ToolCall call, CallPlan plan, CancellationToken cancellationToken)
    {
        var where = plan.Targets.Count == 0
            ? string.Empty
            : $" on {string.Join(", ", plan.Targets)} ({plan.Targets.Count} host{(plan.Targets.Count == 1 ? string.Empty : "s")})";
        var message = $"Bastion is about to {plan.Action}{where} as {call.Principal.Name}. Why it asks: {plan.Risk} Allow it?";
        var result = await call.Request.Server.ElicitAsync(
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

    private static string ArgumentsHash(Dictionary<string, JsonElement> arguments)
    {
        var canonical = JsonSerializer.Serialize(new SortedDictionary<string, JsonElement>(arguments, StringComparer.Ordinal));
        return Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(canonical)));
    }

    private static CallToolResult PlanResult(CallPlan plan, string text) => new()
    {
        // A plan is not the tool's result and does not fit its output schema (clients check structured content even on
        // errors), so it comes back as an error result: the first line tells the model what to do, the second is the
        // plan as JSON.
        IsError = true,
        Content = [new TextContentBlock { Text = $"{text}\n{JsonSerializer.Serialize(plan, BastionJson.Options)}" }],
    };
}
