using System.Text.Json;

namespace Bastion.Mcp.Pipeline.Steps;

/// <summary>
/// Takes the pipeline's own arguments (<c>confirm</c>, <c>dry_run</c>) out of the call, then checks the rest against the
/// tool's input schema, so every tool gets the same clear errors and no tool sees an argument it did not declare.
/// </summary>
internal sealed class ArgumentsStep : ICallStep
{
    /// <summary>The argument carrying a confirmation handle.</summary>
    public const string Confirm = "confirm";

    /// <summary>The argument asking for the plan only.</summary>
    public const string DryRun = "dry_run";

    public ValueTask RunAsync(ToolCall call, CancellationToken cancellationToken)
    {
        if (TakeControlArguments(call) is { } problem)
        {
            call.Refuse(problem);
            return ValueTask.CompletedTask;
        }

        call.Arguments.Remove(Confirm);
        call.Arguments.Remove(DryRun);
        if (ArgumentCheck.Problems(call.Tool, call.Arguments) is { } invalid)
        {
            call.Refuse($"Invalid arguments for '{call.Name}': {invalid}");
        }

        return ValueTask.CompletedTask;
    }

    private static string? TakeControlArguments(ToolCall call)
    {
        if (call.Arguments.TryGetValue(Confirm, out var c))
        {
            if (c.ValueKind != JsonValueKind.String || c.GetString()!.Length is 0 or > 200)
            {
                return "confirm must be the handle string a plan returned.";
            }

            call.ConfirmHandle = c.GetString();
        }

        if (call.Arguments.TryGetValue(DryRun, out var d))
        {
            if (d.ValueKind is not (JsonValueKind.True or JsonValueKind.False))
            {
                return "dry_run must be true or false.";
            }

            call.DryRun = d.ValueKind == JsonValueKind.True;
        }

        return null;
    }
}
