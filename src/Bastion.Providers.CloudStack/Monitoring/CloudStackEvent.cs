using System.ComponentModel;
using System.Text.Json;
using Bastion.Providers.CloudStack.Api;

namespace Bastion.Providers.CloudStack.Monitoring;

/// <summary>An event of CloudStack's event log, from <c>listEvents</c>.</summary>
internal sealed record CloudStackEvent(
    [property: Description("Event id (UUID).")] string Id,
    [property: Description("Event type, e.g. VM.CREATE, VM.STOP, VOLUME.CREATE.")] string? Type,
    [property: Description("INFO, WARN or ERROR.")] string? Level,
    [property: Description("What happened.")] string? Description,
    [property: Description("Created, Scheduled, Started or Completed.")] string? State,
    [property: Description("When it happened (UTC).")] DateTimeOffset? Created,
    [property: Description("User who caused it.")] string? Username,
    [property: Description("Account.")] string? Account,
    [property: Description("Domain.")] string? Domain)
{
    public static CloudStackEvent From(JsonElement e) => new(
        e.Str("id") ?? string.Empty,
        e.Str("type"),
        e.Str("level"),
        e.Str("description"),
        e.Str("state"),
        e.Time("created"),
        e.Str("username"),
        e.Str("account"),
        e.Str("domain"));
}
