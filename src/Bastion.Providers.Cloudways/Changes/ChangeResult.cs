using System.ComponentModel;
using System.Text.Json;
using Bastion.Providers.Cloudways.Operations;

namespace Bastion.Providers.Cloudways.Changes;

/// <summary>What a Cloudways day-two change did (services, cache, backups, SSL, domains, git, whitelists, maintenance).</summary>
internal sealed record ChangeResult(
    [property: Description("Server it acted on.")] long ServerId,
    [property: Description("App it acted on; null for a server-wide change.")] long? AppId,
    [property: Description("The action asked for.")] string Action,
    [property: Description("The Cloudways call sent, e.g. 'POST /service/state'.")] string Call,
    [property: Description("Cloudways operation id when Cloudways ran it as an operation (cloudways_operation_get reads it); null when it answered at once.")] string? OperationId,
    [property: Description("completed, or running when wait was false.")] OperationState State,
    [property: Description("Cloudways' last status text or message; null when none.")] string? Status,
    [property: Description("Seconds Bastion waited for the operation; 0 when it answered at once.")] double DurationSeconds,
    [property: Description("What Cloudways returned (the answer, or the finished operation's result), bounded; null when nothing.")] JsonElement? Answer,
    [property: Description("True when arrays in answer were cut.")] bool Truncated);
