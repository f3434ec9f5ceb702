using System.ComponentModel;
using System.Text.Json;
using Bastion.Providers.Alpacon.Api;

namespace Bastion.Providers.Alpacon.Notes;

/// <summary>A note attached to an Alpacon server (<c>/api/servers/notes/</c>).</summary>
internal sealed record AlpaconNote(
    [property: Description("Alpacon's note id.")] string Id,
    [property: Description("The note's text.")] string? Content,
    [property: Description("Its author's name.")] string? Author,
    [property: Description("True when only its author sees it.")] bool? Private,
    [property: Description("True when pinned to the top of the server's notes.")] bool? Pinned,
    [property: Description("When it was written, UTC ISO-8601.")] DateTimeOffset? AddedAt)
{
    public static AlpaconNote From(JsonElement note) =>
        new(note.Str("id") ?? string.Empty, note.Str("content"), note.Ref("author"), note.Bool("private"), note.Bool("pinned"), note.Time("added_at"));
}
