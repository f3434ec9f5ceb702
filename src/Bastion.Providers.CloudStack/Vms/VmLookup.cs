using Bastion.Providers.CloudStack.Api;

namespace Bastion.Providers.CloudStack.Vms;

/// <summary>Finds one VM by id or by exact name.</summary>
internal static class VmLookup
{
    /// <summary>What a vm parameter takes, for descriptions.</summary>
    public const string Parameter = "The VM's id or exact name.";

    /// <exception cref="PlatformException">No VM, or several, match; the message says what to do.</exception>
    public static async Task<VirtualMachine> FindAsync(CloudStackClient client, string vm, CancellationToken cancellationToken)
    {
        var byId = Guid.TryParse(vm, out _);
        var filters = new Dictionary<string, string?>(StringComparer.Ordinal) { [byId ? "id" : "name"] = vm, ["listall"] = "true" };
        var found = await client.ListAsync("listVirtualMachines", "virtualmachine", filters, 20, VirtualMachine.From, cancellationToken);

        // CloudStack's name filter is not exact everywhere; only an exact name counts.
        var matches = byId ? found.Items : found.Items.Where(v => string.Equals(v.Name, vm, StringComparison.Ordinal)).ToList();
        return matches.Count switch
        {
            1 => matches[0],
            0 => throw new PlatformException(CloudStackClient.Platform, $"no VM {(byId ? "has the id" : "is named")} '{vm}' among those these credentials can see (an expunged VM is gone). List them with cloudstack_list resource=vms."),
            _ => throw new PlatformException(CloudStackClient.Platform, $"{matches.Count} VMs are named '{vm}' ({string.Join(", ", matches.Select(m => $"{m.Id} in {m.ZoneName ?? m.ZoneId}"))}); give the id instead."),
        };
    }
}
