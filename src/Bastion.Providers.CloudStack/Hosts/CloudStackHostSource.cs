using Bastion.Core.Inventory;
using Bastion.Providers.CloudStack.Api;
using Bastion.Providers.CloudStack.Vms;
using Microsoft.Extensions.Logging;

namespace Bastion.Providers.CloudStack.Hosts;

/// <summary>
/// CloudStack's VMs as Bastion hosts (backend <c>cloudstack</c>): named after the VM (made valid and unique by
/// <see cref="HostNaming"/>), addressed by the default NIC's IP, labelled <c>backend=cloudstack</c>, <c>zone</c>,
/// <c>state</c>, <c>id</c>, <c>template</c> and <c>offering</c>. They are <see cref="HostKind.Platform"/> hosts,
/// except when the vault holds <c>cloudstack/ssh-user</c>: then a VM with an IP is an <see cref="HostKind.Ssh"/> host
/// reached as that user. Destroyed and expunging VMs are left out. The listing is bounded by
/// <see cref="PlatformHttpOptions.MaxItems"/> (a warning is logged when cut).
/// </summary>
internal sealed partial class CloudStackHostSource(CloudStackClient client, ILogger<CloudStackHostSource> logger) : IHostSource
{
    /// <summary>The backend label value.</summary>
    public const string Name = "cloudstack";

    private static readonly HashSet<string> _gone = new(StringComparer.OrdinalIgnoreCase) { "Destroyed", "Expunging", "Expunged" };

    /// <inheritdoc/>
    public string Backend => Name;

    /// <inheritdoc/>
    public bool IsConfigured => client.IsConfigured;

    /// <inheritdoc/>
    public async Task<IReadOnlyList<Host>> ListHostsAsync(CancellationToken cancellationToken)
    {
        var settings = client.Settings;
        var list = await client.ListAsync("listVirtualMachines", "virtualmachine", new Dictionary<string, string?>(), client.MaxItems, VirtualMachine.From, cancellationToken);
        if (list.Truncated)
        {
            LogCut(logger, list.Items.Count, list.Total);
        }

        var vms = list.Items.Where(v => v.State is null || !_gone.Contains(v.State)).ToList();
        var names = HostNaming.Assign(vms.Select(v => (v.Id, v.Name)).ToList());
        return vms.Select((vm, i) => ToHost(names[i], vm, settings.SshUser)).ToList();
    }

    /// <summary>One VM as a host.</summary>
    public static Host ToHost(string name, VirtualMachine vm, string? sshUser)
    {
        var labels = new Dictionary<string, string>(StringComparer.Ordinal) { ["backend"] = Name, ["id"] = vm.Id };
        Add(labels, "zone", vm.ZoneName);
        Add(labels, "state", vm.State);
        Add(labels, "template", vm.TemplateName);
        Add(labels, "offering", vm.ServiceOfferingName);
        var ssh = sshUser is not null && vm.IpAddress is not null;
        return new Host(name, ssh ? HostKind.Ssh : HostKind.Platform, vm.IpAddress ?? string.Empty, null, ssh ? sshUser : null, null, null, [], labels);
    }

    // Target expressions split on ',' and compare label values exactly, so a label value keeps no comma or outer blanks.
    private static void Add(Dictionary<string, string> labels, string key, string? value)
    {
        if (!string.IsNullOrWhiteSpace(value))
        {
            labels[key] = value.Replace(',', ';').Trim();
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "CloudStack hosts cut at {Count} of {Total} VMs (the listing bound); narrow what the credentials see or raise MaxItems")]
    private static partial void LogCut(ILogger logger, int count, int total);
}
