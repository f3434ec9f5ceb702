using System.ComponentModel;
using System.ComponentModel.DataAnnotations;
using Bastion.Core;
using Bastion.Core.Policy;
using Bastion.Providers.Alpacon.Api;
using Bastion.Providers.Alpacon.Hosts;
using Bastion.Tools;
using ModelContextProtocol.Server;

namespace Bastion.Providers.Alpacon.Notes;

/// <summary>Writing a note on an Alpacon server (source <c>POST /api/servers/notes/</c>; scope platform:manage, operator mode). Reading them is alpacon_list resource=notes.</summary>
[McpServerToolType]
[Toolset("alpacon", Scopes.PlatformManage)]
internal sealed class AlpaconNotesTools(AlpaconTargets targets)
{
    [McpServerTool(Name = "alpacon_notes_create", Title = "Write an Alpacon server note", ReadOnly = false, Destructive = false, Idempotent = false, OpenWorld = true, UseStructuredContent = true)]
    [Description("Add a note to an Alpacon server. Returns it.")]
    public async Task<AlpaconNote> CreateAsync(
        [Description(AlpaconText.Host)][StringLength(200)] string host,
        [Description("The text.")][StringLength(10_000)] string content,
        [Description("Only you see it.")] bool? @private = null,
        [Description("Pin it on top.")] bool? pinned = null,
        CancellationToken cancellationToken = default)
    {
        if (string.IsNullOrWhiteSpace(content))
        {
            throw new BastionException("content is empty: give the note's text.");
        }

        var target = targets.Resolve(host);
        var note = await target.Client.PostAsync(
            "api/servers/notes/",
            new Dictionary<string, object> { ["server"] = target.ServerId, ["content"] = content, ["private"] = @private ?? false, ["pinned"] = pinned ?? false },
            cancellationToken);
        return AlpaconNote.From(note);
    }
}
