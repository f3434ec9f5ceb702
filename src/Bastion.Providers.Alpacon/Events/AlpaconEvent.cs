using System.ComponentModel;

namespace Bastion.Providers.Alpacon.Events;

/// <summary>An event Alpacon recorded (<c>/api/events/events/</c>).</summary>
internal sealed record AlpaconEvent(
    [property: Description("Alpacon's event id.")] string Id,
    [property: Description("When it was recorded, UTC ISO-8601.")] DateTimeOffset? AddedAt,
    [property: Description("Name of the server it concerns, as Alpacon names it.")] string? Server,
    [property: Description("Who or what reported it (e.g. an agent, a user).")] string? Reporter,
    [property: Description("Its kind or record, as Alpacon labels it.")] string? Record,
    [property: Description("What happened, cut to 2,000 characters.")] string? Description);
