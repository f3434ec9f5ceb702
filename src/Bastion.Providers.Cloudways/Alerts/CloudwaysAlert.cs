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
        var details = alert.Field("details") ?? alert;
        var values = details.Field("values") is { ValueKind: JsonValueKind.Object } map
            ? map.EnumerateObject().ToDictionary(p => p.Name, p => p.Value.ValueKind == JsonValueKind.String ? p.Value.GetString()! : p.Value.GetRawText(), StringComparer.Ordinal)
            : new Dictionary<string, string>(StringComparer.Ordinal);
        return new CloudwaysAlert(
            alert.Long("id") ?? 0,
            alert.Long("server_id") is > 0 and var server ? server : null,
            alert.Long("app_id") is > 0 and var app ? app : null,
            details.Text("subject"),
            details.Text("desc") ?? details.Text("description"),
            details.Text("template_slug"),
            values,
            alert.Flag("is_read"),
            alert.Text("created_at"));
    }
}
