using System.Text.Json;
using Bastion.Providers.Alpacon.Api;

namespace Bastion.Providers.Alpacon.Commands;

/// <summary>
/// A command as <c>GET /api/events/commands/{id}/</c> shows it. It is done when <see cref="HandledAt"/> is set (status
/// then <c>success</c> or <c>failed</c>); <c>awaiting_approval</c> waits for a human; <c>denied</c>, <c>rejected</c> and
/// <c>stuck</c> end without a result.
/// </summary>
internal sealed record AlpaconCommand(
    string Id,
    string Status,
    string? Line,
    DateTimeOffset? AddedAt,
    DateTimeOffset? HandledAt,
    int? ExitCode,
    bool? Success,
    string? ErrorPhase,
    string? Result,
    double? ElapsedSeconds,
    string? Server,
    string? RequestedBy)
{
    public static AlpaconCommand From(JsonElement command) => new(
        command.Str("id") ?? string.Empty,
        command.Str("status") ?? "unknown",
        command.Str("line"),
        command.Time("added_at"),
        command.Time("handled_at"),
        command.Int("exit_code"),
        command.Bool("success"),
        command.Str("error_phase"),
        command.Str("result"),
        command.Num("elapsed_time"),
        command.Ref("server"),
        command.Ref("requested_by"));
}
