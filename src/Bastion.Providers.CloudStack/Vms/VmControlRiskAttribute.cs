using System.Text.Json;
using Bastion.Tools;

namespace Bastion.Providers.CloudStack.Vms;

/// <summary>
/// Tells the call pipeline, call by call, whether cloudstack_vm_control asks first: deploy, stop, reboot and destroy are
/// confirmed (as the destructive tools they were); start is not (it only brings back what was there). Every action
/// changes something, so read-only mode does not serve the tool. Arguments the action does not take, or lacks, refuse
/// the call before anyone is asked.
/// </summary>
[AttributeUsage(AttributeTargets.Method, Inherited = false)]
internal sealed class VmControlRiskAttribute : CallRiskAttribute
{
    /// <inheritdoc/>
    public override bool SomeCallsOnlyRead => false;

    /// <inheritdoc/>
    public override ValueTask<CallChange?> AssessAsync(IServiceProvider services, IReadOnlyDictionary<string, JsonElement> arguments, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(arguments);
        if (VmRequest.From(arguments) is not { } request)
        {
            // The schema requires a known action; without one the tool's own binding answers.
            return ValueTask.FromResult<CallChange?>(null);
        }

        request.Check();
        return ValueTask.FromResult(request.Action switch
        {
            VmAction.Start => null,
            VmAction.Deploy => new CallChange(
                $"deploy a CloudStack VM{(request.Name is { } name ? $" named {name}" : string.Empty)} from template {request.TemplateId} with offering {request.ServiceOfferingId} in zone {request.ZoneId} (cloudstack_vm_control)",
                "a new VM spends money and quota and takes addresses and capacity from shared pools; each call makes another one."),
            VmAction.Destroy when request.Expunge == true => new CallChange(
                $"destroy and expunge CloudStack VM {request.Vm} (cloudstack_vm_control)",
                "expunge removes the VM and its ROOT disk for good."),
            _ => new CallChange(
                $"{request.ActionName} CloudStack VM {request.Vm} (cloudstack_vm_control)",
                request.Action == VmAction.Destroy
                    ? "destroy stops the VM and marks it Destroyed (an administrator can recover it until it is expunged)."
                    : $"{request.ActionName} interrupts a running VM: its services go down."),
        });
    }
}
