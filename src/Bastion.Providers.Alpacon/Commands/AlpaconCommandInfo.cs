using System.ComponentModel;
using Bastion.Core;

namespace Bastion.Providers.Alpacon.Commands;

/// <summary>A command in Alpacon's history (<c>/api/events/commands/</c>).</summary>
internal sealed record AlpaconCommandInfo(
    [property: Description("Alpacon's command id.")] string Id,
    [property: Description("queued, scheduled, delivered, verifying, running, awaiting_approval (a human must approve it; it then runs by itself), success, failed, denied, rejected or stuck.")] string Status,
    [property: Description("The shell line submitted.")] string? Line,
    [property: Description("Name of the server it was sent to.")] string? Server,
    [property: Description("Who submitted it.")] string? RequestedBy,
    [property: Description("When it was submitted, UTC ISO-8601.")] DateTimeOffset? AddedAt,
    [property: Description("When its result came back, UTC ISO-8601; null while it has none.")] DateTimeOffset? HandledAt,
    [property: Description("Exit code once handled; null before.")] int? ExitCode,
    [property: Description("Why it failed without a normal exit: agent_disconnected, agent_timeout or remote_command_exceeded_timeout; null otherwise.")] string? ErrorPhase,
    [property: Description("Its output (stdout and stderr as Alpacon returns them), cut to 2,000 characters.")] string? Output)
{
    public static AlpaconCommandInfo From(AlpaconCommand c) =>
        new(c.Id, c.Status, c.Line is null ? null : Limits.Clip(c.Line), c.Server, c.RequestedBy, c.AddedAt, c.HandledAt, c.ExitCode, c.ErrorPhase, c.Result is null ? null : Limits.Clip(c.Result));
}
