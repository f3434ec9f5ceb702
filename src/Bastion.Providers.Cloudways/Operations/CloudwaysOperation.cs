using System.ComponentModel;
using System.Text.Json;
using Bastion.Providers.Cloudways.Api;

namespace Bastion.Providers.Cloudways.Operations;

/// <summary>One look at a Cloudways operation, from <c>GET /operation/{id}</c> (<c>{"operation": {...}}</c>).</summary>
internal sealed record CloudwaysOperation(
    [property: Description("Operation id, as returned by the call that started it.")] string Id,
    [property: Description("What it does, in Cloudways' words, e.g. restarting_server.")] string? Type,
    [property: Description("Server it acts on; null when none.")] long? ServerId,
    [property: Description("App it acts on; null when none (Cloudways reports 0).")] long? AppId,
    [property: Description("running, completed or failed.")] OperationState State,
    [property: Description("Cloudways' status text, e.g. 'Process is initiated'.")] string? Status,
    [property: Description("Cloudways' message (the reason, when it failed).")] string? Message,
    [property: Description("Cloudways' estimate of the time left, in minutes; null when not given.")] double? EstimatedMinutesRemaining,
    [property: Description("What the finished operation produced (e.g. disk usage), as Cloudways returns it (from 'parameters' or 'result'); null when nothing.")] JsonElement? Result)
{
    /// <summary>Reads the <c>operation</c> object of an answer (or the answer itself when it has no such member).</summary>
    /// <exception cref="PlatformException">The answer has no operation id.</exception>
    public static CloudwaysOperation From(JsonElement answer, string id)
    {
        var op = answer.Field("operation") ?? answer;
        var completed = op.Text("is_completed");
        return new CloudwaysOperation(
            op.Text("id") ?? id,
            op.Text("type"),
            op.Long("server_id") is > 0 and var server ? server : null,
            op.Long("app_id") is > 0 and var app ? app : null,
            completed switch
            {
                "1" or "true" => OperationState.Completed,
                "-1" => OperationState.Failed,
                _ => OperationState.Running,
            },
            op.Text("status"),
            op.Text("message"),
            op.Num("estimated_time_remaining"),
            Payload(op));
    }

    /// <summary>"operation 596283 (restarting_server)", for progress and messages.</summary>
    public string Describe() => Type is null ? $"operation {Id}" : $"operation {Id} ({Type})";

    private static JsonElement? Payload(JsonElement op)
    {
        foreach (var name in new[] { "result", "parameters" })
        {
            if (op.Field(name) is not { } value)
            {
                continue;
            }

            if (value.ValueKind != JsonValueKind.String)
            {
                return value;
            }

            // Cloudways nests JSON as a string in 'parameters'.
            var text = value.GetString()!;
            try
            {
                using var document = JsonDocument.Parse(text);
                return document.RootElement.Clone();
            }
            catch (JsonException)
            {
                return text.Length == 0 ? null : value;
            }
        }

        return null;
    }
}
