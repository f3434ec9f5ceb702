using System.ComponentModel;
using System.Text.Json;
using Bastion.Providers.Cloudways.Operations;

namespace Bastion.Providers.Cloudways.Changes;

/// <summary>
/// What a Cloudways day-two change did (services, cache, backups, SSL, domains, git, whitelists, maintenance). Kept
/// small on purpose: the caller knows the server, app and action it asked for; this says what Cloudways did.
/// </summary>
internal sealed record ChangeResult(
    [property: Description("The Cloudways call sent.")] string Call,
    [property: Description("Operation id (cloudways_list resource operation); null when answered at once.")] string? OperationId,
    [property: Description("completed, or running when wait=false.")] OperationState State,
    [property: Description("Cloudways' last status text.")] string? Status,
    [property: Description("Seconds waited.")] double DurationSeconds,
    [property: Description("Cloudways' answer or the operation's result, bounded.")] JsonElement? Answer,
    [property: Description("True when arrays in answer were cut.")] bool Truncated);
