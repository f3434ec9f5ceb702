using System.ComponentModel;
using System.Text.Json;
using Bastion.Providers.CloudStack.Api;

namespace Bastion.Providers.CloudStack.Infrastructure;

/// <summary>A VM template, from <c>listTemplates</c>.</summary>
internal sealed record Template(
    [property: Description("Template id (UUID); what cloudstack_vms_deploy's template_id takes.")] string Id,
    [property: Description("Template name.")] string? Name,
    [property: Description("Longer description.")] string? DisplayText,
    [property: Description("Operating system type, e.g. 'Ubuntu 22.04 LTS'.")] string? OsTypeName,
    [property: Description("Zone the template is in (UUID); a template is listed once per zone.")] string? ZoneId,
    [property: Description("Zone name.")] string? ZoneName,
    [property: Description("Size of the template's disk in bytes (CloudStack 'size').")] long? SizeBytes,
    [property: Description("Hypervisor, e.g. KVM, XenServer, VMware.")] string? Hypervisor,
    [property: Description("Image format, e.g. QCOW2, VHD, OVA.")] string? Format,
    [property: Description("True when the template is ready to deploy from.")] bool? IsReady,
    [property: Description("True when it is public.")] bool? IsPublic,
    [property: Description("True when it is featured.")] bool? IsFeatured,
    [property: Description("True when VMs from it get a one-time password at deploy (Bastion does not return it).")] bool? PasswordEnabled,
    [property: Description("When it was registered (UTC).")] DateTimeOffset? Created)
{
    public static Template From(JsonElement e) => new(
        CloudStackJson.Str(e, "id") ?? string.Empty,
        CloudStackJson.Str(e, "name"),
        CloudStackJson.Str(e, "displaytext"),
        CloudStackJson.Str(e, "ostypename"),
        CloudStackJson.Str(e, "zoneid"),
        CloudStackJson.Str(e, "zonename"),
        CloudStackJson.Long(e, "size"),
        CloudStackJson.Str(e, "hypervisor"),
        CloudStackJson.Str(e, "format"),
        CloudStackJson.Bool(e, "isready"),
        CloudStackJson.Bool(e, "ispublic"),
        CloudStackJson.Bool(e, "isfeatured"),
        CloudStackJson.Bool(e, "passwordenabled"),
        CloudStackJson.Time(e, "created"));
}
