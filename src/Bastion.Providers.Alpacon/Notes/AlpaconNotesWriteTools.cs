using System.ComponentModel;
using System.ComponentModel.DataAnnotations;
using Bastion.Core.Policy;
using Bastion.Tools;
using Bastion.Providers.Alpacon.Hosts;
using Bastion.Providers.Alpacon.Answers;
using ModelContextProtocol.Server;

namespace Bastion.Providers.Alpacon.Notes;

/// <summary>Writing notes on Alpacon servers (source <c>POST /api/servers/notes/</c>; operator mode, scope platform:manage).</summary>
[McpServerToolType]
[Toolset("alpacon", Scopes.PlatformManage)]
internal sealed class AlpaconNotesWriteTools(AlpaconTargets targets)
{
    [McpServerTool(Name = "alpacon_notes_create", Title = "Write an Alpacon server note", ReadOnly = false, Destructive = false, Idempotent = false, OpenWorld = true, UseStructuredContent = true)]
    [Description("Add a note to an Alpacon server, e.g. what was found or changed and why, for the people who run it. Adds only; nothing existing changes. Returns the note as Alpacon stored it.")]
    public async Task<AlpaconNote> CreateAsync(
        [Description(AlpaconText.Host)][MaxLength(200)] string host,
        [Description("The note's text.")][MinLength(1)][MaxLength(10_000)] string content,
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
