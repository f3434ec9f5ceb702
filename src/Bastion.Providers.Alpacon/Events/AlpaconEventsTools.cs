using System.ComponentModel;
using System.ComponentModel.DataAnnotations;
using Bastion.Core;
using Bastion.Core.Policy;
using Bastion.Tools;
using Bastion.Providers.Alpacon.Api;
using Bastion.Providers.Alpacon.Hosts;
using ModelContextProtocol.Server;

namespace Bastion.Providers.Alpacon.Events;

/// <summary>Alpacon's event log (source <c>GET /api/events/events/</c>).</summary>
[McpServerToolType]
[Toolset("alpacon", Scopes.PlatformRead)]
internal sealed class AlpaconEventsTools(AlpaconTargets targets)
{
    [McpServerTool(Name = "alpacon_events_list", Title = "Alpacon events", ReadOnly = true, Destructive = false, Idempotent = true, OpenWorld = true, UseStructuredContent = true)]
    [Description("Events Alpacon recorded (agent reports, logins, commands, changes), newest first, for a workspace or one server; search matches server, reporter, record and description.")]
    public async Task<AlpaconEventList> ListAsync(
        [Description(AlpaconText.OptionalHost)][StringLength(200)] string? host = null,
        [Description(AlpaconText.Workspace)][StringLength(63)] string? workspace = null,
        [Description("Only events matching this text (Alpacon's search over server, reporter, record, description).")][StringLength(200)] string? search = null,
        [Description("Only events of this reporter.")][StringLength(200)] string? reporter = null,
        [Description(AlpaconText.Limit)][Range(1, 1000)] int limit = 50,
        CancellationToken cancellationToken = default)
    {
        var (client, target) = host is null ? (targets.Workspace(workspace), null) : Of(targets.Resolve(host), workspace);
        var list = await client.ListAsync(
            "api/events/events/",
            [new("server", target?.ServerId), new("search", search), new("reporter", reporter), new("ordering", "-added_at")],
            limit,
            cancellationToken);
        var events = list.Items.Select(e => new AlpaconEvent(
            e.Str("id") ?? string.Empty,
            e.Time("added_at"),
            e.Ref("server"),
            e.Ref("reporter"),
            e.Str("record"),
            e.Str("description") is { } d ? Limits.Clip(d) : null)).ToList();
        return new AlpaconEventList(client.Workspace.Name, target?.Host.Name, list.Total, list.Truncated, events, list.CutNotes("events"));
    }

    private static (AlpaconClient, AlpaconTarget?) Of(AlpaconTarget target, string? workspace) =>
        workspace is null || workspace == target.Workspace
            ? (target.Client, target)
            : throw new BastionException($"Host '{target.Host.Name}' is in Alpacon workspace '{target.Workspace}', not '{workspace}'.");
}
