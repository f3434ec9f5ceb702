using Bastion.Core.Progress;
using Bastion.Providers.CloudStack.Api;

namespace Bastion.Providers.CloudStack.Vms;

/// <summary>
/// VM operations as CloudStack's async jobs: deploy, start, stop, reboot, destroy. Each is one POST, never sent twice,
/// then (with wait) followed with queryAsyncJobResult to its end; a failed job is a <see cref="PlatformException"/>
/// quoting CloudStack's errorcode and errortext.
/// </summary>
internal sealed class CloudStackVmOperations(CloudStackClient client)
{
    /// <summary>The action <paramref name="request"/> names, checked first (nothing is sent when an argument is wrong).</summary>
    /// <exception cref="PlatformException">An argument the action does not take, or lacks; CloudStack refused; or the job failed.</exception>
    public Task<VmOperation> ControlAsync(VmRequest request, bool wait, IProgress<StepProgress>? progress, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        request.Check();
        return request.Action switch
        {
            VmAction.Deploy => DeployAsync(request.ZoneId!, request.TemplateId!, request.ServiceOfferingId!, request.Name, request.DisplayName, request.NetworkIds, request.Keypair, request.StartVm ?? true, wait, progress, cancellationToken),
            VmAction.Stop => RunAsync("stop", request.Vm!, request.Forced == true, wait, progress, cancellationToken),
            VmAction.Destroy => RunAsync("destroy", request.Vm!, request.Expunge == true, wait, progress, cancellationToken),
            _ => RunAsync(request.ActionName, request.Vm!, false, wait, progress, cancellationToken),
        };
    }

    /// <summary>deployVirtualMachine with the given ids and options (checked by <see cref="VmRequest.Check"/>).</summary>
    private async Task<VmOperation> DeployAsync(string zoneId, string templateId, string serviceOfferingId, string? name, string? displayName, string[]? networkIds, string? keypair, bool start, bool wait, IProgress<StepProgress>? progress, CancellationToken cancellationToken)
    {
        var started = await client.StartJobAsync("deployVirtualMachine", new Dictionary<string, string?>(StringComparer.Ordinal)
        {
            ["zoneid"] = zoneId,
            ["templateid"] = templateId,
            ["serviceofferingid"] = serviceOfferingId,
            ["name"] = name,
            ["displayname"] = displayName,
            ["networkids"] = networkIds is { Length: > 0 } ? string.Join(',', networkIds) : null,
            ["keypair"] = keypair,
            ["startvm"] = start ? null : "false",
        }, cancellationToken);
        return await FinishAsync("deploy", $"deploy VM {name ?? started.ResourceId}", started, started.ResourceId, wait, progress, cancellationToken);
    }

    /// <summary>One of start, stop, reboot, destroy on the VM named or numbered <paramref name="vm"/>.</summary>
    /// <param name="action">start, stop, reboot or destroy.</param>
    /// <param name="vm">VM id or exact name.</param>
    /// <param name="flag">stop: forced; destroy: expunge; ignored otherwise.</param>
    /// <param name="wait">Follow the job to its end.</param>
    /// <param name="progress">Told of every poll.</param>
    /// <param name="cancellationToken">Ends the wait, not the job.</param>
    private async Task<VmOperation> RunAsync(string action, string vm, bool flag, bool wait, IProgress<StepProgress>? progress, CancellationToken cancellationToken)
    {
        var machine = await VmLookup.FindAsync(client, vm, cancellationToken);
        var (command, extra, what) = action switch
        {
            "start" => ("startVirtualMachine", (Name: (string?)null, Value: (string?)null), $"start VM {machine.Name}"),
            "stop" => ("stopVirtualMachine", (Name: "forced", Value: flag ? "true" : null), $"stop VM {machine.Name}"),
            "reboot" => ("rebootVirtualMachine", (Name: null, Value: null), $"reboot VM {machine.Name}"),
            "destroy" => ("destroyVirtualMachine", (Name: "expunge", Value: flag ? "true" : null), $"{(flag ? "destroy and expunge" : "destroy")} VM {machine.Name}"),
            _ => throw new ArgumentOutOfRangeException(nameof(action), action, "start, stop, reboot or destroy"),
        };
        var parameters = new Dictionary<string, string?> { ["id"] = machine.Id };
        if (extra.Name is { } extraName)
        {
            parameters[extraName] = extra.Value;
        }

        var started = await client.StartJobAsync(command, parameters, cancellationToken);
        return await FinishAsync(action, what, started, machine.Id, wait, progress, cancellationToken);
    }

    private async Task<VmOperation> FinishAsync(string action, string what, JobStarted started, string? vmId, bool wait, IProgress<StepProgress>? progress, CancellationToken cancellationToken)
    {
        if (!wait)
        {
            return new VmOperation(action, started.JobId, "in_progress", vmId, null, $"The {action} job runs on; follow it with cloudstack_list resource=job job_id={started.JobId} (wait=true polls until it ends).");
        }

        var job = await client.WaitForJobAsync(started.JobId, what, progress, cancellationToken);
        if (job.Status != 1)
        {
            throw new PlatformException(
                CloudStackClient.Platform,
                $"job {job.JobId} ({what}) {job.StatusName}: {job.Error ?? "no error given"}. cloudstack_list resource=events level=ERROR may say more.",
                job.Result is { } r ? r.Int("errorcode") : null);
        }

        var element = job.Result is { } result ? result.Object("virtualmachine") : null;
        var machine = element is { } e ? VirtualMachine.From(e) : null;
        var note = element is { } vm && vm.Str("password") is not null
            ? "CloudStack set a one-time password for this VM (its template is password-enabled). Bastion does not return secrets: read or reset it in CloudStack, or deploy with a keypair."
            : null;
        return new VmOperation(action, job.JobId, job.StatusName, machine?.Id ?? vmId, machine, note);
    }
}
