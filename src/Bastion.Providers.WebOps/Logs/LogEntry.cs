using System.ComponentModel;
using System.Text.Json;
using Bastion.Core;
using Bastion.Providers.WebOps.Api;

namespace Bastion.Providers.WebOps.Logs;

/// <summary>One entry of a deployment's log (<c>DeploymentLog</c>, from <c>/api/deployments/{name}/logs/</c>).</summary>
internal sealed record LogEntry(
    [property: Description("WebOps's id of the entry; ids grow with time.")] int Id,
    [property: Description("When WebOps wrote it (UTC).")] DateTimeOffset? Time,
    [property: Description("info, warning, error or success.")] string Level,
    [property: Description("The text, cut to 2,000 characters.")] string Message)
{
    public static LogEntry From(JsonElement e) =>
        new(e.Int("id") ?? 0, e.Time("created_at"), e.Str("level") ?? "info", Limits.Clip(e.Str("message") ?? string.Empty));
}
