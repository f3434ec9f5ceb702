using System.ComponentModel;
using System.ComponentModel.DataAnnotations;
using Bastion.Core.Policy;
using Bastion.Tools;
using Bastion.Providers.Alpacon.Hosts;
using Bastion.Providers.Alpacon.Answers;
using ModelContextProtocol.Server;

namespace Bastion.Providers.Alpacon.Notes;

/// <summary>Reading the notes people keep on Alpacon servers (source <c>GET /api/servers/notes/?server=</c>).</summary>
[McpServerToolType]
[Toolset("alpacon", Scopes.PlatformRead)]
internal sealed class AlpaconNotesTools(AlpaconTargets targets)
{
    [McpServerTool(Name = "alpacon_notes_list", Title = "Alpacon server notes", ReadOnly = true, Destructive = false, Idempotent = true, OpenWorld = true, UseStructuredContent = true)]
    [Description("List the notes people wrote on an Alpacon server (runbooks, warnings, ownership): text, author, pinned or private, date. Read them before changing a server.")]
    public async Task<AlpaconNoteList> ListAsync(
        [Description(AlpaconText.Host)][MaxLength(200)] string host,
        [Description(AlpaconText.Limit)][Range(1, 1000)] int limit = 50,
        CancellationToken cancellationToken = default)
    {
        var target = targets.Resolve(host);
        var list = await target.Client.ListAsync("api/servers/notes/", [new("server", target.ServerId)], limit, cancellationToken);
        return new AlpaconNoteList(target.Host.Name, target.Workspace, list.Total, list.Truncated, list.Items.Select(AlpaconNote.From).ToList(), ListNotes.Of(list, "notes"));
    }
}
