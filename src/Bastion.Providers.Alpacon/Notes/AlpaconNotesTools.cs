using System.ComponentModel;
using System.ComponentModel.DataAnnotations;
using Bastion.Core.Policy;
using Bastion.Providers.Alpacon.Api;
using Bastion.Providers.Alpacon.Hosts;
using Bastion.Tools;
using ModelContextProtocol.Server;

namespace Bastion.Providers.Alpacon.Notes;

/// <summary>Notes people keep on Alpacon servers (source <c>/api/servers/notes/</c>): reading needs platform:read, writing platform:manage (operator mode).</summary>
[McpServerToolType]
[Toolset("alpacon", Scopes.PlatformRead)]
internal sealed class AlpaconNotesTools(AlpaconTargets targets)
{
    [McpServerTool(Name = "alpacon_notes_list", Title = "Alpacon server notes", ReadOnly = true, Destructive = false, Idempotent = true, OpenWorld = true, UseStructuredContent = true)]
    [Description("Notes people wrote on an Alpacon server (runbooks, warnings, ownership): text, author, pinned, private, date. Read before changing a server.")]
    public async Task<AlpaconNoteList> ListAsync(
        [Description(AlpaconText.Host)][StringLength(200)] string host,
        [Description(AlpaconText.Limit)][Range(1, 1000)] int limit = 50,
        CancellationToken cancellationToken = default)
    {
        var target = targets.Resolve(host);
        var list = await target.Client.ListAsync("api/servers/notes/", [new("server", target.ServerId)], limit, cancellationToken);
        return new AlpaconNoteList(target.Host.Name, target.Workspace, list.Total, list.Truncated, list.Items.Select(AlpaconNote.From).ToList(), list.CutNotes("notes"));
    }

    [Toolset("alpacon", Scopes.PlatformManage)]
    [McpServerTool(Name = "alpacon_notes_create", Title = "Write an Alpacon server note", ReadOnly = false, Destructive = false, Idempotent = false, OpenWorld = true, UseStructuredContent = true)]
    [Description("Add a note to an Alpacon server (what was found or changed and why). Returns the stored note.")]
    public async Task<AlpaconNote> CreateAsync(
        [Description(AlpaconText.Host)][StringLength(200)] string host,
        [Description("The note's text.")][StringLength(10_000, MinimumLength = 1)] string content,
        [Description("Only you see it.")] bool @private = false,
        [Description("Pin it to the top of the server's notes.")] bool pinned = false,
        CancellationToken cancellationToken = default)
    {
        var target = targets.Resolve(host);
        var note = await target.Client.PostAsync(
            "api/servers/notes/",
            new Dictionary<string, object> { ["server"] = target.ServerId, ["content"] = content, ["private"] = @private, ["pinned"] = pinned },
            cancellationToken);
        return AlpaconNote.From(note);
    }
}
