using System.Globalization;
using Bastion.Core.Progress;
using Bastion.Providers.CloudStack.Api;
using Bastion.Providers.CloudStack.Infrastructure;

namespace Bastion.Providers.CloudStack.Volumes;

/// <summary>
/// Volume changes as CloudStack's async jobs: attachVolume, detachVolume, resizeVolume (size in GiB; shrinking only with
/// shrink_ok), createSnapshot. Each is one POST, never sent twice, then followed with queryAsyncJobResult.
/// </summary>
internal sealed class CloudStackVolumeOperations(CloudStackClient client)
{
    /// <summary>Runs <paramref name="action"/> on <paramref name="volumeId"/>.</summary>
    /// <exception cref="PlatformException">An argument the action needs is missing or one it does not take is given (nothing sent); CloudStack refused; or the job failed (errorcode and errortext quoted).</exception>
    public async Task<VolumeOperation> RunAsync(string action, string volumeId, string? vmId, int? sizeGb, bool shrinkOk, string? snapshotName, bool wait, IProgress<StepProgress>? progress, CancellationToken cancellationToken)
    {
        Check(action, vmId, sizeGb, shrinkOk, snapshotName);
        var (command, parameters) = action switch
        {
            "attach" => ("attachVolume", new Dictionary<string, string?> { ["id"] = volumeId, ["virtualmachineid"] = vmId }),
            "detach" => ("detachVolume", new Dictionary<string, string?> { ["id"] = volumeId }),
            "resize" => ("resizeVolume", new Dictionary<string, string?> { ["id"] = volumeId, ["size"] = sizeGb!.Value.ToString(CultureInfo.InvariantCulture), ["shrinkok"] = shrinkOk ? "true" : null }),
            _ => ("createSnapshot", new Dictionary<string, string?> { ["volumeid"] = volumeId, ["name"] = snapshotName }),
        };
        var started = await client.StartJobAsync(command, parameters, cancellationToken);
        if (!wait)
        {
            return new VolumeOperation(action, started.JobId, "in_progress", null, null, $"The {action} job runs on; follow it with cloudstack_list resource=job job_id={started.JobId}.");
        }

        var job = await client.WaitForJobAsync(started.JobId, $"{command} {volumeId}", progress, cancellationToken);
        if (job.Status != 1)
        {
            throw new PlatformException(CloudStackClient.Platform, $"job {job.JobId} ({command} {volumeId}) {job.StatusName}: {job.Error ?? "no error given"}. cloudstack_list resource=events level=ERROR may say more.", job.Result is { } r ? r.Int("errorcode") : null);
        }

        var volume = job.Result?.Object("volume") is { } v ? Volume.From(v) : null;
        var snapshot = job.Result?.Object("snapshot") is { } s ? Snapshot.From(s) : null;
        return new VolumeOperation(action, job.JobId, job.StatusName, volume, snapshot, null);
    }

    private static void Check(string action, string? vmId, int? sizeGb, bool shrinkOk, string? snapshotName)
    {
        string? problem = action switch
        {
            "attach" when vmId is null => "attach needs vm_id (the VM to attach the volume to)",
            "resize" when sizeGb is null => "resize needs size_gb (the new size in GiB)",
            _ when vmId is not null && action != "attach" => "vm_id is for attach only",
            _ when sizeGb is not null && action != "resize" => "size_gb is for resize only",
            _ when shrinkOk && action != "resize" => "shrink_ok is for resize only",
            _ when snapshotName is not null && action != "snapshot" => "snapshot_name is for snapshot only",
            _ => null,
        };
        if (problem is not null)
        {
            throw new PlatformException(CloudStackClient.Platform, $"{problem}. Nothing was sent.");
        }
    }
}
