namespace Bastion.Providers.CloudStack.Vms;

/// <summary>What cloudstack_vm_control does (its <c>action</c> argument), with the CloudStack API behind each.</summary>
internal enum VmAction
{
    /// <summary>deployVirtualMachine: a new VM (confirmed: it spends money and quota).</summary>
    Deploy,

    /// <summary>startVirtualMachine (not confirmed: it only brings back what was there).</summary>
    Start,

    /// <summary>stopVirtualMachine (confirmed).</summary>
    Stop,

    /// <summary>rebootVirtualMachine (confirmed).</summary>
    Reboot,

    /// <summary>destroyVirtualMachine (confirmed).</summary>
    Destroy,
}
