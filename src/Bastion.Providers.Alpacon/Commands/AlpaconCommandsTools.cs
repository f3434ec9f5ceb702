using System.ComponentModel;
using System.ComponentModel.DataAnnotations;
using Bastion.Core.Policy;
using Bastion.Tools;
using Bastion.Providers.Alpacon.Hosts;
using Bastion.Providers.Alpacon.Api;
using ModelContextProtocol.Server;

namespace Bastion.Providers.Alpacon.Commands;

/// <summary>Alpacon's command history (source <c>GET /api/events/commands/</c>). Commands run through commands_run.</summary>
[McpServerToolType]
[Toolset("alpacon", Scopes.PlatformRead)]
internal sealed class AlpaconCommandsTools(AlpaconTargets targets)
{
    [McpServerTool(Name = "alpacon_commands_list", Title = "Alpacon command history", ReadOnly = true, Destructive = false, Idempotent = true, OpenWorld = true, UseStructuredContent = true)]
    [Description("Commands Alpacon ran or holds, newest first, with status, exit code and output. Finds the result of a command that awaited approval (it runs once approved: never resubmit). To run one use commands_run.")]
    public async Task<AlpaconCommandList> ListAsync(
        [Description(AlpaconText.OptionalHost)][StringLength(200)] string? host = null,
        [Description(AlpaconText.Workspace)][StringLength(63)] string? workspace = null,
        [Description("Only this command (its id from an earlier answer).")][StringLength(100)] string? id = null,
        [Description(AlpaconText.Limit)][Range(1, 1000)] int limit = 20,
        CancellationToken cancellationToken = default)
    {
        var target = host is null ? null : targets.Resolve(host);
        var client = target?.Client ?? targets.Workspace(workspace);
        if (id is not null)
        {
            var one = await AlpaconCommandApi.GetAsync(client, id, cancellationToken);
            return new AlpaconCommandList(client.Workspace.Name, target?.Host.Name, 1, false, [AlpaconCommandInfo.From(one)], []);
        }

        var list = await client.ListAsync(AlpaconCommandApi.Path, [new("server", target?.ServerId), new("ordering", "-added_at")], limit, cancellationToken);
        return new AlpaconCommandList(
            client.Workspace.Name,
            target?.Host.Name,
            list.Total,
            list.Truncated,
            list.Items.Select(c => AlpaconCommandInfo.From(AlpaconCommand.From(c))).ToList(),
            list.CutNotes("commands"));
    }
}
