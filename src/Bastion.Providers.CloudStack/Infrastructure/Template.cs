using System.ComponentModel;
using System.Text.Json;
using Bastion.Providers.CloudStack.Api;

namespace Bastion.Providers.CloudStack.Infrastructure;

/// <summary>A VM template, from <c>listTemplates</c>.</summary>
internal sealed record Template(
    [property: Description("Template id (UUID); what cloudstack_vm_control's template_id takes (deploy).")] string Id,
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
        e.Str("id") ?? string.Empty,
        e.Str("name"),
        e.Str("displaytext"),
        e.Str("ostypename"),
        e.Str("zoneid"),
        e.Str("zonename"),
        e.Long("size"),
        e.Str("hypervisor"),
        e.Str("format"),
        e.Flag("isready"),
        e.Flag("ispublic"),
        e.Flag("isfeatured"),
        e.Flag("passwordenabled"),
        e.Time("created"));
}
