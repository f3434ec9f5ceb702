using System.ComponentModel;

namespace Bastion.Providers.CloudStack.Vms;

/// <summary>Result of a VM operation (deploy, start, stop, reboot, destroy).</summary>
internal sealed record VmOperation(
    [property: Description("deploy, start, stop, reboot or destroy.")] string Action,
    [property: Description("The async job's id; follow it with cloudstack_list resource=job when wait was false or the wait ran out.")] string JobId,
    [property: Description("in_progress (not waited for) or succeeded; a failed job is reported as an error instead.")] string Status,
    [property: Description("Id of the VM acted on (for deploy, the new VM's id).")] string? VmId,
    [property: Description("The VM as the finished job left it; null when not waited for, or when it no longer exists (expunged).")] VirtualMachine? VirtualMachine,
    [property: Description("What to know: how to follow the job, or that a one-time password was set and is not shown; null when nothing.")] string? Note);
