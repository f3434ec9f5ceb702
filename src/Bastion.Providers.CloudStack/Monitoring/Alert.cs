using System.ComponentModel;
using System.Text.Json;
using Bastion.Providers.CloudStack.Api;

namespace Bastion.Providers.CloudStack.Monitoring;

/// <summary>A system alert, from <c>listAlerts</c> (administrators only).</summary>
internal sealed record Alert(
    [property: Description("Alert id (UUID).")] string Id,
    [property: Description("Numeric alert type (e.g. 0 memory, 1 CPU, 2 storage capacity).")] int? Type,
    [property: Description("Alert name, e.g. ALERT.MEMORY.")] string? Name,
    [property: Description("What is wrong.")] string? Description,
    [property: Description("When it was raised (UTC).")] DateTimeOffset? Sent)
{
    public static Alert From(JsonElement e) => new(
        e.Str("id") ?? string.Empty,
        e.Int("type"),
        e.Str("name"),
        e.Str("description"),
        e.Time("sent"));
}
