using System.Text.Json;
using Bastion.Core;
using Bastion.Core.Commands;
using Bastion.Core.Policy;
using Bastion.Core.Secrets;
using Bastion.Mcp.Catalog;
using Bastion.Mcp.Security;
using Bastion.Tools;

namespace Bastion.Mcp.Pipeline.Steps;

/// <summary>
/// For a tool marked <see cref="RunsCommandsAttribute"/>: reads its command spec from the arguments the attribute
/// names, and checks it against the command policy on every target host. A refusal on one host refuses the call; a rule
/// or an environment variable outside the harmless set (<see cref="CommandPolicy.IsHarmlessVariable"/>) makes it need
/// confirmation (read-only mode refuses such variables). Other tools pass untouched.
/// </summary>
internal sealed class CommandPolicyStep(CommandPolicy policy, Redactor redactor) : ICallStep
{
    public ValueTask RunAsync(ToolCall call, CancellationToken cancellationToken)
    {
        if (ToolAccess.CommandSpecOf(call.Tool) is not { } names)
        {
            return ValueTask.CompletedTask;
        }

        var arguments = call.Arguments;
        var line = arguments.TryGetValue(names.Command, out var c) && c.ValueKind == JsonValueKind.String ? c.GetString() : null;
        var argv = arguments.TryGetValue(names.Argv, out var a) && a.ValueKind == JsonValueKind.Array ? a.EnumerateArray().Select(x => x.GetString() ?? string.Empty).ToList() : null;
        var variables = arguments.TryGetValue(names.Environment, out var e) && e.ValueKind == JsonValueKind.Object
            ? e.EnumerateObject().ToDictionary(v => v.Name, v => v.Value.GetString() ?? string.Empty, StringComparer.Ordinal)
            : [];
        var directory = arguments.TryGetValue(names.WorkingDirectory, out var d) && d.ValueKind == JsonValueKind.String ? d.GetString() : null;
        try
        {
            CommandExecutor.Validate(new CommandSpec(line, argv, TimeSpan.FromSeconds(1), directory, variables, 1));
        }
        catch (BastionException invalid)
        {
            call.Refuse(invalid.Message);
            return ValueTask.CompletedTask;
        }

        var principal = call.Principal;
        var where = directory is null ? "in the user's home directory (no cwd given)" : $"in {directory}";
        var action = $"{(line is not null ? $"run `{line}`" : argv is not null ? $"run {JsonSerializer.Serialize(argv, CommonJson.Default.ListString)} (no shell)" : "run nothing")} {where}";
        var needsConfirmation = false;
        var reasons = new List<string>();
        if (variables.Where(v => !CommandPolicy.IsHarmlessVariable(v.Key, v.Value)).Select(v => v.Key).ToList() is { Count: > 0 } risky)
        {
            var reason = $"env sets {string.Join(", ", risky)} for a command {where}, which can change what any program does ({CommandPolicy.HarmlessVariables}).";
            if (principal.Mode == Mode.ReadOnly)
            {
                call.Refuse($"Refused: {reason} Read-only mode accepts only the harmless ones.");
                return ValueTask.CompletedTask;
            }

            (needsConfirmation, action) = (true, $"{action} with {string.Join(" ", risky.Select(n => n + "=…"))}");
            reasons.Add(reason);
        }

        foreach (var host in call.Targets)
        {
            var decision = policy.Evaluate(new CommandCheck(line, argv, host.Groups, principal.Mode, principal.Has(Scopes.CommandsSudo), directory));
            switch (decision.Verdict)
            {
                case CommandVerdict.Refused:
                    call.Refuse($"Refused on host '{host.Name}': {decision.Reason}");
                    return ValueTask.CompletedTask;
                case CommandVerdict.NeedsConfirmation:
                    needsConfirmation = true;
                    reasons.Add(decision.Reason);
                    break;
            }
        }

        // A command line may name a secret: the plan, the question to the user and the audit entries see it redacted.
        call.NeedsConfirmation = needsConfirmation;
        call.Action = redactor.Redact(action);
        call.Risk = redactor.Redact(needsConfirmation ? string.Join(" ", reasons.Distinct()) : "in the read-only set");
        return ValueTask.CompletedTask;
    }
}
