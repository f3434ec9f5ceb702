using System.ComponentModel;
using System.Text.Json;
using Bastion.Providers.Cloudways.Api;

namespace Bastion.Providers.Cloudways.Alerts;

/// <summary>A CloudwaysBot alert, from <c>GET /alerts/</c>.</summary>
internal sealed record CloudwaysAlert(
    [property: Description("Alert id (what cloudways_alert_mark_read takes).")] long Id,
    [property: Description("Server it is about; null when none.")] long? ServerId,
    [property: Description("App it is about; null when none.")] long? AppId,
    [property: Description("Subject, e.g. 'Disk Inode Alert'.")] string? Subject,
    [property: Description("Description, as Cloudways wrote it.")] string? Description,
    [property: Description("Cloudways' template of the alert, e.g. inode-full-1.")] string? Template,
    [property: Description("The values the template filled in, e.g. SERVER_LABEL.")] IReadOnlyDictionary<string, string> Values,
    [property: Description("Whether it was marked read; null when Cloudways does not say.")] bool? IsRead,
    [property: Description("When it was raised, as Cloudways prints it; null when not given.")] string? CreatedAt)
{
    public static CloudwaysAlert From(JsonElement alert)
    {
        var details = CloudwaysJson.Get(alert, "details") ?? alert;
        var values = CloudwaysJson.Get(details, "values") is { ValueKind: JsonValueKind.Object } map
            ? map.EnumerateObject().ToDictionary(p => p.Name, p => p.Value.ValueKind == JsonValueKind.String ? p.Value.GetString()! : p.Value.GetRawText(), StringComparer.Ordinal)
            : new Dictionary<string, string>(StringComparer.Ordinal);
        return new CloudwaysAlert(
            CloudwaysJson.Long(alert, "id") ?? 0,
            CloudwaysJson.Long(alert, "server_id") is > 0 and var server ? server : null,
            CloudwaysJson.Long(alert, "app_id") is > 0 and var app ? app : null,
            CloudwaysJson.Text(details, "subject"),
            CloudwaysJson.Text(details, "desc") ?? CloudwaysJson.Text(details, "description"),
            CloudwaysJson.Text(details, "template_slug"),
            values,
            CloudwaysJson.Flag(alert, "is_read"),
            CloudwaysJson.Text(alert, "created_at"));
    }
}
