using System.ComponentModel;
using System.Text.Json;
using Bastion.Providers.CloudStack.Api;

namespace Bastion.Providers.CloudStack.Vms;

/// <summary>
/// A VM, from <c>listVirtualMachines</c> or an async job's <c>jobresult</c>. A one-time <c>password</c> that CloudStack
/// returns after deploying from a password-enabled template is never copied here.
/// </summary>
internal sealed record VirtualMachine(
    [property: Description("VM id (UUID); what the vm parameters take (a name works too).")] string Id,
    [property: Description("VM (host) name.")] string? Name,
    [property: Description("Display name.")] string? DisplayName,
    [property: Description("Running, Stopped, Starting, Stopping, Destroyed, Expunging, Error…")] string? State,
    [property: Description("Zone id (UUID).")] string? ZoneId,
    [property: Description("Zone name.")] string? ZoneName,
    [property: Description("Template id (UUID).")] string? TemplateId,
    [property: Description("Template name.")] string? TemplateName,
    [property: Description("Service offering id (UUID).")] string? ServiceOfferingId,
    [property: Description("Service offering name.")] string? ServiceOfferingName,
    [property: Description("Virtual CPUs.")] int? CpuNumber,
    [property: Description("Memory in MiB, as CloudStack gives it ('memory').")] long? MemoryMb,
    [property: Description("Hypervisor.")] string? Hypervisor,
    [property: Description("Account that owns it.")] string? Account,
    [property: Description("When it was created (UTC).")] DateTimeOffset? Created,
    [property: Description("Address of the default NIC; null when it has none.")] string? IpAddress,
    [property: Description("Network interfaces.")] IReadOnlyList<Nic> Nics)
{
    public static VirtualMachine From(JsonElement e)
    {
        var nics = e.Items("nic").Select(Nic.From).ToList();
        return new(
            e.Str("id") ?? string.Empty,
            e.Str("name"),
            e.Str("displayname"),
            e.Str("state"),
            e.Str("zoneid"),
            e.Str("zonename"),
            e.Str("templateid"),
            e.Str("templatename"),
            e.Str("serviceofferingid"),
            e.Str("serviceofferingname"),
            e.Int("cpunumber"),
            e.Long("memory"),
            e.Str("hypervisor"),
            e.Str("account"),
            e.Time("created"),
            (nics.FirstOrDefault(n => n.IsDefault) ?? nics.FirstOrDefault())?.IpAddress,
            nics);
    }
}
